/**
 * A local HTTP server speaking Resend's email API (the provider Inlet sends through), so mail tests
 * go over the network exactly as production does: `POST /emails` with `Authorization: Bearer KEY`
 * and `{ from, to, subject, text, html }`, answered `200 { id }`. Like Resend it honours
 * `Idempotency-Key`: the same key with the same body answers the first answer again without sending
 * a second email; with another body, 409. It can be told to fail the next N requests (an outage).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string | undefined;
  html: string | undefined;
  idempotencyKey: string | undefined;
}

export interface MailReceiver {
  /** The API base URL, for INLET_MAIL_API_URL. */
  url: string;
  apiKey: string;
  /** Emails accepted (each once, however often it was retried). */
  emails: SentEmail[];
  /** Every request with the status it got. */
  requests: { path: string; status: number; idempotencyKey: string | undefined }[];
  /** The next `n` requests answer `status` (default 500) without sending. */
  failNext(n: number, status?: number): void;
  /** Waits until at least `count` emails were accepted. */
  waitForEmails(count: number, timeoutMs?: number): Promise<SentEmail[]>;
  close(): Promise<void>;
}

export async function startMailReceiver(apiKey = 're_test_key'): Promise<MailReceiver> {
  const emails: SentEmail[] = [];
  const requests: MailReceiver['requests'] = [];
  const byKey = new Map<string, { body: string; email: SentEmail }>();
  let failures = { left: 0, status: 500 };
  const waiters = new Set<() => void>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const key = header(req, 'idempotency-key');
      const answer = (status: number, body: unknown) => {
        requests.push({ path: req.url ?? '', status, idempotencyKey: key });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/emails') return answer(404, { name: 'not_found', statusCode: 404 });
      if (header(req, 'authorization') !== `Bearer ${apiKey}`)
        return answer(401, { name: 'missing_api_key', statusCode: 401, message: 'API key is invalid' });
      if (failures.left > 0) {
        failures.left--;
        return answer(failures.status, { name: 'internal_server_error', statusCode: failures.status });
      }
      const seen = key ? byKey.get(key) : undefined;
      if (seen) {
        if (seen.body !== raw) return answer(409, { name: 'invalid_idempotent_request', statusCode: 409 });
        return answer(200, { id: seen.email.id });
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return answer(422, { name: 'validation_error', statusCode: 422, message: 'Invalid JSON' });
      }
      const to = Array.isArray(body.to) ? (body.to as string[]) : typeof body.to === 'string' ? [body.to] : [];
      if (typeof body.from !== 'string' || to.length === 0 || typeof body.subject !== 'string')
        return answer(422, { name: 'validation_error', statusCode: 422, message: 'from, to and subject are required' });
      if (typeof body.text !== 'string' && typeof body.html !== 'string')
        return answer(422, { name: 'validation_error', statusCode: 422, message: 'text or html is required' });
      const email: SentEmail = {
        id: `email_${emails.length + 1}`,
        from: body.from,
        to,
        subject: body.subject,
        text: body.text as string | undefined,
        html: body.html as string | undefined,
        idempotencyKey: key,
      };
      emails.push(email);
      if (key) byKey.set(key, { body: raw, email });
      for (const w of waiters) w();
      answer(200, { id: email.id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    emails,
    requests,
    failNext: (n, status = 500) => void (failures = { left: n, status }),
    waitForEmails(count, timeoutMs = 10_000) {
      if (emails.length >= count) return Promise.resolve(emails);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`mail receiver: ${emails.length} of ${count} emails after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (emails.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(emails);
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
