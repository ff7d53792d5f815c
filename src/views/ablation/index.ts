export { AblationBar } from './AblationBar';
export { HeadOffBadge, HeadOffMark, HeadOffSwitch } from './HeadOffSwitch';
