/** Sign-in sessions, authorization codes and refresh tokens (owned by the identity platform). */
export class IdentityStore {
  reset(): void {}
}
