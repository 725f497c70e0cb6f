/**
 * LTI Platform Storage, the platform side: a hidden frame named
 * `post_message_forwarding` on the course page (as Canvas names it) that keeps
 * key/value pairs for tools framed next to it, so a tool can keep its OIDC
 * state without a third-party cookie. It answers `lti.put_data`, `lti.get_data`
 * and `lti.capabilities` postMessages with `<subject>.response`, to the sender's
 * origin only, and keeps each origin's keys apart. Values live as long as the
 * course page is open.
 * @see https://www.imsglobal.org/spec/lti-cs-pm/v0p1
 * @see https://www.imsglobal.org/spec/lti-pm-s/v0p1
 */
import { renderPage } from './html';

export const PLATFORM_STORAGE_TARGET = 'post_message_forwarding';
export const PLATFORM_STORAGE_PATH = '/post_message_forwarding';

export function renderStorageFrameTag(): string {
  return `<iframe name="${PLATFORM_STORAGE_TARGET}" title="Platform storage" src="${PLATFORM_STORAGE_PATH}" hidden></iframe>`;
}

const SCRIPT = `<script>
(function () {
  var store = new Map();
  // For tests: which keys tools have stored (never the values).
  window.storedKeys = function () { return Array.from(store.keys()); };
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.subject !== 'string') return;
    var reply = { subject: data.subject + '.response', message_id: data.message_id };
    if (data.subject === 'lti.capabilities') {
      reply.supported_messages = [{ subject: 'lti.put_data' }, { subject: 'lti.get_data' }];
    } else if (data.subject === 'lti.put_data' && typeof data.key === 'string') {
      store.set(event.origin + ' ' + data.key, String(data.value));
      reply.key = data.key;
      reply.value = data.value;
    } else if (data.subject === 'lti.get_data' && typeof data.key === 'string') {
      var key = event.origin + ' ' + data.key;
      reply.key = data.key;
      if (store.has(key)) reply.value = store.get(key);
      else reply.error = { code: 'bad_request', message: 'no value for this key' };
    } else {
      return;
    }
    event.source.postMessage(reply, event.origin);
  });
})();
</script>`;

export function renderStorageFrame(): string {
  return renderPage({ title: 'Platform storage', body: SCRIPT });
}
