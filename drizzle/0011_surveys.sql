CREATE TABLE "survey_responses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"contact_id" uuid,
	"campaign_id" uuid,
	"send_id" bigint,
	"channel" text NOT NULL,
	"score" smallint NOT NULL,
	"category" text NOT NULL,
	"comment" text,
	"status" text DEFAULT 'confirmed' NOT NULL,
	"flag_reason" text,
	"browser_key" text,
	"submission_id" text,
	"locale" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'nps' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"closes_at" timestamp with time zone,
	"public_token" text NOT NULL,
	"locale" text DEFAULT 'auto' NOT NULL,
	"question" text DEFAULT '' NOT NULL,
	"follow_up" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"thank_you" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"passive_next_step" jsonb,
	"brand_color" text DEFAULT '#4f46e5' NOT NULL,
	"logo_url" text,
	"alert_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"change_window_hours" integer DEFAULT 72 NOT NULL,
	"cadence_months" smallint,
	"wave_audience" jsonb,
	"next_wave_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_publicToken_unique" UNIQUE("public_token")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "mail_score_mode" text DEFAULT 'provisional' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "nps_category" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "nps_answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "csat_category" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "csat_answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "survey_id" uuid;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_send_key" ON "survey_responses" USING btree ("survey_id","send_id") WHERE "survey_responses"."send_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_browser_key" ON "survey_responses" USING btree ("survey_id","browser_key") WHERE "survey_responses"."browser_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_submission_key" ON "survey_responses" USING btree ("survey_id","submission_id") WHERE "survey_responses"."submission_id" is not null;--> statement-breakpoint
CREATE INDEX "survey_responses_survey_created_idx" ON "survey_responses" USING btree ("survey_id","created_at");--> statement-breakpoint
CREATE INDEX "survey_responses_contact_idx" ON "survey_responses" USING btree ("workspace_id","contact_id","created_at");--> statement-breakpoint
CREATE INDEX "surveys_workspace_created_idx" ON "surveys" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "surveys_next_wave_idx" ON "surveys" USING btree ("next_wave_at") WHERE "surveys"."next_wave_at" is not null;--> statement-breakpoint
CREATE INDEX "contacts_workspace_nps_idx" ON "contacts" USING btree ("workspace_id","nps_category") WHERE "contacts"."nps_category" is not null;--> statement-breakpoint
CREATE INDEX "campaigns_survey_idx" ON "campaigns" USING btree ("survey_id") WHERE "campaigns"."survey_id" is not null;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE set null ON UPDATE no action;
