export { matrixMax, headMatrix } from './matrix';
