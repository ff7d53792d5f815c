export { AblationBar } from './AblationBar';
export { HeadOffMark, HeadOffSwitch } from './HeadOffSwitch';
