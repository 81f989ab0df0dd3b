// A real SMTP server on loopback for tests: every message that arrives, with its envelope recipients and
// its raw text, for a test to read back as the recipient would.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ArrivedMail = { to: string[]; raw: string };

export type LocalSmtpServer = { url: string; arrived: ArrivedMail[]; close(): Promise<void> };

export async function startLocalSmtpServer(): Promise<LocalSmtpServer> {
  const arrived: ArrivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        arrived.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    arrived,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** Quoted-printable undone, as nodemailer writes a body with a curly apostrophe in it. */
export function unQuote(raw: string): string {
  return Buffer.from(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}
