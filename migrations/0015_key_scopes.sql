ALTER TABLE "api_keys" ADD COLUMN "scopes" text[] DEFAULT '{"full"}' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "created_by" text;