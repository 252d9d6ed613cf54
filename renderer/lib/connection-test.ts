// Ids for cancellable connection tests (MailApi.testConnection's test_id / cancelConnectionTest): unique
// within this page, which is all the core needs to find the test to stop.
let seq = 0;

export function newTestId(prefix: string): string {
  seq++;
  return `${prefix}-${Date.now().toString(36)}-${seq}`;
}
