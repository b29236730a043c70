CREATE TABLE "sequence_enrolments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sequence_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"group" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"step" smallint DEFAULT 0 NOT NULL,
	"next_due_at" timestamp with time zone,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tier" text,
	"value_tier" text,
	"days_away" integer,
	"last_step_at" timestamp with time zone,
	"sunset_at" timestamp with time zone,
	"exited_at" timestamp with time zone,
	"exit_reason" text,
	"reactivated_at" timestamp with time zone,
	"nurture_until" timestamp with time zone,
	"relapsed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sequence_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sequence_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"kind" text NOT NULL,
	"gap_min_days" smallint NOT NULL,
	"gap_max_days" smallint NOT NULL,
	"campaign_id" uuid NOT NULL,
	CONSTRAINT "sequence_steps_campaignId_unique" UNIQUE("campaign_id"),
	CONSTRAINT "sequence_steps_gap_order" CHECK ("sequence_steps"."gap_min_days" >= 0 and "sequence_steps"."gap_max_days" >= "sequence_steps"."gap_min_days")
);
--> statement-breakpoint
CREATE TABLE "sequences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"audience" jsonb DEFAULT '{"type":"tier","tiers":["tier2"]}'::jsonb NOT NULL,
	"entry_mode" text DEFAULT 'once' NOT NULL,
	"reentry_cooldown_days" integer,
	"control_pct" smallint DEFAULT 10 NOT NULL,
	"sunset_action" text DEFAULT 'unsubscribe' NOT NULL,
	"sunset_list_id" uuid,
	"sunset_after_days" smallint DEFAULT 7 NOT NULL,
	"base_url" text,
	"created_by_id" uuid,
	"activated_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"last_entry_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sequences_control_pct_range" CHECK ("sequences"."control_pct" between 0 and 50)
);
--> statement-breakpoint
DROP INDEX "campaign_sends_once_idx";--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "inactivity_signals" text[] DEFAULT '{open,click,reply,conversion,survey}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_visit_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_app_use_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "lifetime_value_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "preferences" jsonb;--> statement-breakpoint
ALTER TABLE "campaign_sends" ADD COLUMN "enrolment_id" bigint;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "sequence_id" uuid;--> statement-breakpoint
ALTER TABLE "sequence_enrolments" ADD CONSTRAINT "sequence_enrolments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_enrolments" ADD CONSTRAINT "sequence_enrolments_sequence_id_sequences_id_fk" FOREIGN KEY ("sequence_id") REFERENCES "public"."sequences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_enrolments" ADD CONSTRAINT "sequence_enrolments_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_steps" ADD CONSTRAINT "sequence_steps_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_steps" ADD CONSTRAINT "sequence_steps_sequence_id_sequences_id_fk" FOREIGN KEY ("sequence_id") REFERENCES "public"."sequences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_steps" ADD CONSTRAINT "sequence_steps_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequences" ADD CONSTRAINT "sequences_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequences" ADD CONSTRAINT "sequences_sunset_list_id_lists_id_fk" FOREIGN KEY ("sunset_list_id") REFERENCES "public"."lists"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequences" ADD CONSTRAINT "sequences_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sequence_enrolments_due_idx" ON "sequence_enrolments" USING btree ("next_due_at") WHERE "sequence_enrolments"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "sequence_enrolments_active_idx" ON "sequence_enrolments" USING btree ("sequence_id","contact_id") WHERE "sequence_enrolments"."status" = 'active';--> statement-breakpoint
CREATE INDEX "sequence_enrolments_sequence_idx" ON "sequence_enrolments" USING btree ("sequence_id","status");--> statement-breakpoint
CREATE INDEX "sequence_enrolments_contact_idx" ON "sequence_enrolments" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "sequence_enrolments_nurture_idx" ON "sequence_enrolments" USING btree ("nurture_until") WHERE "sequence_enrolments"."reactivated_at" is not null and "sequence_enrolments"."relapsed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "sequence_steps_position_idx" ON "sequence_steps" USING btree ("sequence_id","position");--> statement-breakpoint
CREATE INDEX "sequences_workspace_created_idx" ON "sequences" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_sends_enrolment_once_idx" ON "campaign_sends" USING btree ("enrolment_id","campaign_id") WHERE "campaign_sends"."enrolment_id" is not null;--> statement-breakpoint
CREATE INDEX "campaigns_sequence_idx" ON "campaigns" USING btree ("sequence_id") WHERE "campaigns"."sequence_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_sends_once_idx" ON "campaign_sends" USING btree ("campaign_id","contact_id") WHERE "campaign_sends"."enrolment_id" is null;--> statement-breakpoint
-- By hand (the schema modules would import each other): a step campaign goes with its sequence,
-- and a step's send row with its enrolment.
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_sequence_id_sequences_id_fk" FOREIGN KEY ("sequence_id") REFERENCES "public"."sequences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_sends" ADD CONSTRAINT "campaign_sends_enrolment_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."sequence_enrolments"("id") ON DELETE cascade ON UPDATE no action;
