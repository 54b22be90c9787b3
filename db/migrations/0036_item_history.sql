CREATE TABLE `item_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`item_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`changes` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `item_changes_item_idx` ON `item_changes` (`kind`,`item_id`,`id`);--> statement-breakpoint
ALTER TABLE `risks` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `risks` ADD `retired_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `risks` ADD `retired_reason` text;--> statement-breakpoint
-- An item's history is append-only: no change may be rewritten or removed once recorded.
CREATE TRIGGER item_changes_no_update BEFORE UPDATE ON item_changes
BEGIN
  SELECT RAISE(ABORT, 'item_changes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER item_changes_no_delete BEFORE DELETE ON item_changes
BEGIN
  SELECT RAISE(ABORT, 'item_changes is append-only');
END;
