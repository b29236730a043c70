CREATE TABLE "webhook_secrets" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"secret_enc" text NOT NULL,
	"previous_enc" text,
	"previous_valid_until" timestamp with time zone,
	"rotated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webhook_secrets" ADD CONSTRAINT "webhook_secrets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;