// Codes are hashed as staff passwords are (staff/password.ts: scrypt with its parameters stored in the hash).
import { hashPassword, verifyPassword } from '../staff/public.ts';

export const hashCode = (code: string): Promise<string> => hashPassword(code);
export const verifyCode = (code: string, stored: string): Promise<boolean> => verifyPassword(code, stored);
