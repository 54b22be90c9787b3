CREATE TABLE `document_files` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_files_document_idx` ON `document_files` (`document_id`,`kind`);--> statement-breakpoint
CREATE TABLE `document_imports` (
	`document_id` text PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`source_file_id` text NOT NULL,
	`report` text NOT NULL,
	`imported_by` text NOT NULL,
	`imported_at` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_file_id`) REFERENCES `document_files`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `release_files` (
	`release_id` text NOT NULL,
	`file_id` text NOT NULL,
	`sha256` text NOT NULL,
	PRIMARY KEY(`release_id`, `file_id`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`file_id`) REFERENCES `document_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `release_files_file_idx` ON `release_files` (`file_id`);--> statement-breakpoint
ALTER TABLE `documents` ADD `reference` text;--> statement-breakpoint
-- A document's file is evidence once a release holds it: its row never changes (only a form's
-- removal from the draft is recorded) and is never deleted.
CREATE TRIGGER document_files_fixed BEFORE UPDATE OF id, document_id, kind, file_name, mime, size, sha256, uploaded_by, uploaded_at ON document_files
BEGIN
  SELECT RAISE(ABORT, 'document files are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER document_files_no_delete BEFORE DELETE ON document_files
BEGIN
  SELECT RAISE(ABORT, 'document files are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER release_files_no_update BEFORE UPDATE ON release_files
BEGIN
  SELECT RAISE(ABORT, 'releases are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER release_files_no_delete BEFORE DELETE ON release_files
BEGIN
  SELECT RAISE(ABORT, 'releases are immutable');
END;
