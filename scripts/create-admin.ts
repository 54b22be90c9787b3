/**
 * Creates the first administrator of a production install (started with LOTS_DEMO=0):
 *   npm run create-admin -- --email anna@foretaget.se --name "Anna Andersson" [--organisation "Företaget AB"]
 * The password is read from LOTS_ADMIN_PASSWORD, or asked for without echo.
 */
import { isWeakPassword } from "#app/auth/password-strength.server.ts";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadConfig } from "#app/config.server.ts";
import { PASSWORD_MIN_LENGTH } from "#app/auth/schemas.ts";
import { ensureOrganisation, updateOrganisation } from "#app/models/organisation.server.ts";
import { createUser, UserError } from "#app/models/users.server.ts";
import { databaseFile, migrateDatabase, openDatabase } from "#db/client.ts";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, organisation: { type: "string" } },
});

const args = z
  .object({
    email: z.email(),
    name: z.string().trim().min(1).max(200),
    organisation: z.string().trim().min(1).max(200).optional(),
  })
  .safeParse(values);
if (!args.success) {
  console.error('Usage: npm run create-admin -- --email <email> --name "<name>" [--organisation "<name>"]');
  console.error(z.prettifyError(args.error));
  process.exit(2);
}

async function askPassword(): Promise<string> {
  if (process.env.LOTS_ADMIN_PASSWORD) return process.env.LOTS_ADMIN_PASSWORD;
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = await new Promise<string>((resolve) => {
    rl.question("Password: ", resolve);
    muted = true;
  });
  rl.close();
  process.stdout.write("\n");
  return answer;
}

const password = await askPassword();
if (password.length < PASSWORD_MIN_LENGTH) {
  console.error(`The password must have at least ${PASSWORD_MIN_LENGTH} characters.`);
  process.exit(2);
}
if (isWeakPassword(password, [args.data.email, args.data.name])) {
  console.error("The password is too easy to guess (common, leaked or built on the name): choose a longer phrase.");
  process.exit(2);
}

const db = openDatabase(databaseFile(loadConfig().dataDir));
migrateDatabase(db);
try {
  ensureOrganisation(db, args.data.organisation ?? "Organisation");
  const admin = await createUser(
    db,
    { email: args.data.email, name: args.data.name, password, role: "admin", unitId: null },
    null,
  );
  if (args.data.organisation) updateOrganisation(db, admin, { name: args.data.organisation, orgNumber: null });
  console.log(`Created administrator ${admin.email}. Sign in at /login.`);
} catch (error) {
  if (error instanceof UserError && error.code === "user.emailTaken") {
    console.error(`There is already an account with ${args.data.email}.`);
    process.exit(1);
  }
  throw error;
} finally {
  db.$client.close();
}
