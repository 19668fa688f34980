import dotenv from 'dotenv';

/** Loads .env into process.env (quietly: stdout belongs to the sandbox console and to answers). */
export function loadDotenv(): void {
  dotenv.config({ quiet: true });
}
