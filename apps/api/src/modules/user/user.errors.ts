import { AppError } from '../../errors/app-error.ts';

export const invalidCredentials = (): AppError =>
  new AppError('INVALID_CREDENTIALS', 'Wrong login name or password / Sai tên đăng nhập hoặc mật khẩu');
export const weakPassword = (reason: string): AppError => new AppError('WEAK_PASSWORD', reason);
export const officerNotFound = (): AppError => new AppError('OFFICER_NOT_FOUND', 'Officer not found');
