/**
 * `/app/dev/mail`: the mail `npm start` caught (no provider configured), newest first, so a newcomer
 * can follow a verification, reset or invitation link. Mail is shown as text with its links as <a>:
 * its HTML is never rendered. The API serves `GET /_dev/mail` only when running locally (404 elsewhere).
 */
import type { ComponentChildren } from 'preact';
import { ApiProblem, get } from '../api';
import { useMe } from '../auth';
import { link } from '../router';
import { Loading, PageHeader } from '../ui/page';
import { useApi } from '../use-api';

interface CaughtMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  createdAt: string;
  links?: string[];
}

const URL_IN_TEXT = /(https?:\/\/[^\s<>"')\]]+)/g;

/** The text with every http(s) URL as a link; everything else stays text (no markup is interpreted). */
function withLinks(text: string): ComponentChildren[] {
  return text.split(URL_IN_TEXT).map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part));
}

export default function MailPage() {
  const me = useMe();
  const mail = useApi<CaughtMail[] | null>('/_dev/mail', async () => {
    try {
      const { data } = await get<{ data: CaughtMail[] }>('/_dev/mail');
      return [...data].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 404) return null;
      throw e;
    }
  });
  const body = (
    <section>
      <PageHeader title="Local mailbox">
        <button type="button" class="secondary" onClick={mail.reload}>
          Refresh
        </button>
      </PageHeader>
      <p class="muted">
        Mail the local server caught instead of sending it (no mail provider is configured).
        {!me && (
          <>
            {' '}
            <a {...link('/sign-in')}>Back to sign in</a>
          </>
        )}
      </p>
      {mail.loading && !mail.data && <Loading />}
      {mail.error && (
        <p class="error" role="alert">
          {mail.error}
        </p>
      )}
      {mail.data === null && (
        <p class="empty">
          The mailbox is only available locally (when Inlet runs with `npm start` and no mail provider).
        </p>
      )}
      {mail.data?.length === 0 && <p class="empty">No mail yet.</p>}
      {mail.data && mail.data.length > 0 && (
        <ol class="rules" aria-label="Caught mail, newest first">
          {mail.data.map((m) => (
            <li key={m.id} class="card">
              <article aria-labelledby={`mail-${m.id}`}>
                <h2 id={`mail-${m.id}`}>{m.subject}</h2>
                <p class="muted">
                  To {m.to} · {m.kind} · {new Date(m.createdAt).toLocaleString()}
                </p>
                <pre class="mail">{withLinks(m.text)}</pre>
                {(m.links ?? [])
                  .filter((l) => !m.text.includes(l))
                  .map((l) => (
                    <p>
                      <a href={l}>{l}</a>
                    </p>
                  ))}
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
  return me ? (
    body
  ) : (
    <main id="main" class="signed-out">
      {body}
    </main>
  );
}
