// How a delivery leaves Homeward: email through SMTP (nodemailer), SMS through an adapter with the
// GOV.UK Notify API's shape (POST /v2/notifications/sms, a JWT signed with the key's secret). Each is
// off unless configured. A delivery's Message-ID (and Notify reference) is its id, so a resend after a
// crash between sending and recording is recognisable as the same message.
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { HomewardConfig } from '../config.ts';

export type OutgoingMessage = { deliveryId: string; to: string; subject: string; text: string };
export type SendResult = { providerReference: string };
export type Sender = (message: OutgoingMessage) => Promise<SendResult>;
export type Senders = { email: Sender | null; sms: Sender | null; close(): void };

/** The Message-ID of a delivery: the same on every attempt. */
export const messageIdOf = (deliveryId: string) => `<${deliveryId}@homeward.notifications>`;

/** A Notify API key is {name}-{service id (uuid)}-{secret (uuid)}. */
export function parseNotifyKey(key: string): { serviceId: string; secret: string } | null {
  const match = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(key.trim());
  return match ? { serviceId: match[1]!, secret: match[2]! } : null;
}

const base64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** The bearer token Notify asks for: HS256, iss the service id, iat now (it refuses one 30 s old). */
export function notifyToken(key: string, now: Date): string {
  const parsed = parseNotifyKey(key);
  if (!parsed) throw new Error('HOMEWARD_NOTIFY_API_KEY is not a Notify API key ({name}-{service id}-{secret})');
  const head = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const body = base64url(JSON.stringify({ iss: parsed.serviceId, iat: Math.floor(now.getTime() / 1000) }));
  const signature = createHmac('sha256', parsed.secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

/** The SMTP address with nodemailer's timeouts on it (a server that never answers must not hold a delivery for ever). */
function withTimeouts(smtpUrl: string, timeoutMs: number): string {
  const url = new URL(smtpUrl);
  for (const name of ['connectionTimeout', 'greetingTimeout', 'socketTimeout']) if (!url.searchParams.has(name)) url.searchParams.set(name, String(timeoutMs));
  return url.toString();
}

export function createSenders(config: HomewardConfig, o: { fetch?: typeof fetch; timeoutMs?: number } = {}): Senders {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const transport = config.smtpUrl ? nodemailer.createTransport(withTimeouts(config.smtpUrl, timeoutMs)) : null;
  const email: Sender | null = transport
    ? async (m) => {
        const info = await transport.sendMail({ from: config.mailFrom, to: m.to, subject: m.subject, text: m.text, messageId: messageIdOf(m.deliveryId), headers: { 'X-Homeward-Delivery': m.deliveryId } });
        return { providerReference: info.messageId };
      }
    : null;
  const doFetch = o.fetch ?? fetch;
  const sms: Sender | null =
    config.notifyApiKey && config.notifySmsTemplateId
      ? async (m) => {
          const response = await doFetch(`${config.notifyBaseUrl}/v2/notifications/sms`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${notifyToken(config.notifyApiKey!, new Date())}` },
            body: JSON.stringify({ phone_number: m.to, template_id: config.notifySmsTemplateId, personalisation: { subject: m.subject, body: m.text }, reference: m.deliveryId }),
            signal: AbortSignal.timeout(timeoutMs),
          });
          const text = await response.text();
          if (!response.ok) throw new Error(`Notify answered ${response.status}: ${text.slice(0, 300)}`);
          const id = (JSON.parse(text) as { id?: unknown }).id;
          return { providerReference: typeof id === 'string' ? id : m.deliveryId };
        }
      : null;
  return { email, sms, close: () => transport?.close() };
}
