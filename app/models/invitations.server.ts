import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId, newSecretToken } from "#db/ids.ts";
import { invitations, type Role } from "#db/schema/index.ts";
import { hashToken } from "#app/auth/tokens.server.ts";
import { translator } from "#app/i18n/translator.server.ts";
import type { Mailer } from "./mail.server.ts";
import { getOrganisation } from "./organisation.server.ts";
import { appendTrailEvent } from "./trail.server.ts";
import { assertUnitExists } from "./units.server.ts";
import { createUser, findUserByEmail, normaliseEmail, UserError, type User } from "./users.server.ts";
import { DomainError } from "./errors.ts";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type Invitation = typeof invitations.$inferSelect;

export class InvitationError extends DomainError<"invitation.notFound" | "invitation.expired" | "invitation.used"> {}

export type InvitationInput = {
  email: string;
  name: string;
  role: Role;
  unitId: string | null;
  accessExpiresAt: Date | null;
};

/** Returns the one-time token; only its hash is stored, so it can be shown only now. */
export function createInvitation(
  db: Db,
  actor: Actor,
  input: InvitationInput,
  now = new Date(),
): { token: string; invitation: Invitation } {
  if (!can(actor, "invite", { type: "users" })) throw new UserError("user.notAllowed");
  if (findUserByEmail(db, input.email)) throw new UserError("user.emailTaken");
  assertUnitExists(db, input.unitId);
  if (input.role === "external_auditor" && !input.accessExpiresAt) throw new UserError("user.guestNeedsEndDate");
  const token = newSecretToken();
  return writeTransaction(db, (tx) => {
    // A new invitation replaces any earlier open one to the same address.
    tx.update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.email, normaliseEmail(input.email)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .run();
    const invitation = tx
      .insert(invitations)
      .values({
        id: newId(),
        tokenHash: hashToken(token),
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        role: input.role,
        unitId: input.unitId,
        accessExpiresAt: input.role === "external_auditor" ? input.accessExpiresAt : null,
        invitedBy: actor.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
      })
      .returning()
      .get();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "invitation.created",
      subjectType: "invitation",
      subjectId: invitation.id,
      data: { role: invitation.role, unitId: invitation.unitId },
    });
    return { token, invitation };
  });
}

/** The invitation behind a link, or why it cannot be used. */
export function findInvitation(db: Db, token: string, now = new Date()): Invitation {
  const invitation = db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)))
    .get();
  if (!invitation || invitation.revokedAt) throw new InvitationError("invitation.notFound");
  if (invitation.acceptedAt) throw new InvitationError("invitation.used");
  if (invitation.expiresAt <= now) throw new InvitationError("invitation.expired");
  return invitation;
}

export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name: string; password: string },
  now = new Date(),
): Promise<User> {
  const invitation = findInvitation(db, token, now);
  const user = await createUser(
    db,
    {
      email: invitation.email,
      name: input.name,
      password: input.password,
      role: invitation.role,
      unitId: invitation.unitId,
      accessExpiresAt: invitation.accessExpiresAt,
    },
    invitation.invitedBy,
  );
  writeTransaction(db, (tx) => {
    // Guard against two tabs accepting the same link at once.
    const claimed = tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .run();
    if (claimed.changes !== 1) throw new InvitationError("invitation.used");
    appendTrailEvent(tx, {
      actorId: user.id,
      type: "invitation.accepted",
      subjectType: "invitation",
      subjectId: invitation.id,
    });
  });
  return user;
}

export function listOpenInvitations(db: Db, now = new Date()): Invitation[] {
  return db
    .select()
    .from(invitations)
    .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt))
    .all();
}

export function revokeInvitation(db: Db, actor: Actor, invitationId: string, now = new Date()): void {
  if (!can(actor, "invite", { type: "users" })) throw new UserError("user.notAllowed");
  writeTransaction(db, (tx) => {
    const revoked = tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .run();
    if (revoked.changes === 0) return;
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "invitation.revoked",
      subjectType: "invitation",
      subjectId: invitationId,
    });
  });
}

/** The link an invitee opens; the token is shown or sent once and never stored. */
export const invitationLink = (origin: string, token: string) => `${origin}/inbjudan/${token}`;

/**
 * Sends the invitation. It is written in Swedish, the organisation's language: the invitee has
 * not chosen one yet.
 */
export async function mailInvitation(
  db: Db,
  mailer: Mailer,
  input: { email: string; name: string; role: Role; link: string },
): Promise<void> {
  const t = translator("sv");
  const organisation = getOrganisation(db)?.name ?? "Lots";
  await mailer.send({
    to: input.email,
    subject: t("invitation.mailSubject", { organisation }),
    text: t("invitation.mailBody", {
      name: input.name,
      organisation,
      role: t(`roles.${input.role}`),
      link: input.link,
    }),
  });
}
