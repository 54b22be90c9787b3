CREATE TABLE `sign_in_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`redirect_to` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sign_in_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`value` text NOT NULL,
	`role` text,
	`unit_id` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sign_in_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`oidc_issuer` text,
	`oidc_client_id` text,
	`oidc_client_secret` text,
	`allowed_domains` text DEFAULT '[]' NOT NULL,
	`button_label` text,
	`default_role` text DEFAULT 'staff' NOT NULL,
	`default_unit_id` text,
	`groups_claim` text DEFAULT 'groups' NOT NULL,
	`password_sign_in` text DEFAULT 'everyone' NOT NULL,
	`break_glass_user_ids` text DEFAULT '[]' NOT NULL,
	`updated_at` integer,
	`updated_by` text,
	FOREIGN KEY (`default_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `user_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`issuer` text NOT NULL,
	`subject` text NOT NULL,
	`role_by_rule` integer NOT NULL,
	`unit_by_rule` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_sign_in_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_identities_subject_idx` ON `user_identities` (`issuer`,`subject`);--> statement-breakpoint
CREATE INDEX `user_identities_user_idx` ON `user_identities` (`user_id`);