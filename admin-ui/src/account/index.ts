export { AccountDialogs, AccountMenu } from './AccountMenu';
