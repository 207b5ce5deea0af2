/**
 * The core data model. Every row that belongs to an organisation carries `org_id`
 * (docs/decisions/004-multi-organisation.md). Ids are UUIDs made by PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CASE_KINDS, STATE_TYPES, type CasePhoto } from '../shared/cases';
import type { Message } from '../shared/line/messages';
import type { WebhookEvent } from '../shared/line/webhook';
import type { StoredOrgSettings } from '../shared/org-settings';
import type { FrozenFigures } from '../shared/report-figures';
import { STAFF_ROLES } from '../shared/roles';
import { SURVEY_SOURCES } from '../shared/survey/source';
import type { CategoryIntake } from '../shared/conversation/intake';
import type { SurveyDefinition } from '../shared/survey/definition';

const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => orgs.id);

export const caseKind = pgEnum('case_kind', CASE_KINDS);
export const stateType = pgEnum('state_type', STATE_TYPES);
export const staffRole = pgEnum('staff_role', STAFF_ROLES);
export const outboxKind = pgEnum('outbox_kind', ['reply', 'push', 'multicast', 'webhook']);
export const outboxState = pgEnum('outbox_state', ['pending', 'sending', 'sent', 'failed']);
/** How a reporter's identity is kept: plainly, not at all (anonymous) or encrypted (confidential). */
export const anonymity = pgEnum('anonymity', ['none', 'anonymous', 'confidential']);

/** An อปท. (เทศบาล or อบต.) with its own LINE channel. */
export const orgs = pgTable('orgs', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** e.g. เทศบาลตำบล, องค์การบริหารส่วนตำบล: data, not code. */
  orgType: text('org_type').notNull().default(''),
  province: text('province').notNull().default(''),
  lineChannelId: text('line_channel_id'),
  /** AES-GCM ciphertext under a key derived from APP_SECRET (shared/crypto.ts). */
  lineChannelSecretEnc: text('line_channel_secret_enc'),
  lineAccessTokenEnc: text('line_access_token_enc'),
  /** Per-organisation settings: state labels, contact details, time limits. */
  settings: jsonb('settings').$type<StoredOrgSettings>().notNull().default({}),
  /** Bumped after every settings, FAQ or category change (db/orgs.ts): caches compare it. */
  configVersion: integer('config_version').notNull().default(0),
  createdAt: createdAt(),
  /** `org disable`: the webhook answers 404; the data stays. */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

/** กอง / สำนัก: a unit of the organisation. */
export const divisions = pgTable(
  'divisions',
  {
    id: id(),
    orgId: orgId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** A LINE group that gets this division's alerts instead of each member (never for corruption). */
    lineGroupId: text('line_group_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('divisions_org_code').on(t.orgId, t.code)],
);

export const staff = pgTable(
  'staff',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    position: text('position').notNull().default(''),
    lineUserId: text('line_user_id'),
    divisionId: uuid('division_id').references(() => divisions.id),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('staff_org_line_user').on(t.orgId, t.lineUserId)],
);

/** One person may hold several roles, e.g. ปลัด acting as นายก; a role may be scoped to a division. */
export const staffRoles = pgTable(
  'staff_roles',
  {
    id: id(),
    orgId: orgId(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    role: staffRole('role').notNull(),
    divisionId: uuid('division_id').references(() => divisions.id),
    createdAt: createdAt(),
  },
  (t) => [index('staff_roles_staff').on(t.staffId)],
);

export const residents = pgTable(
  'residents',
  {
    id: id(),
    orgId: orgId(),
    lineUserId: text('line_user_id').notNull(),
    displayName: text('display_name'),
    /** When the resident was shown the privacy notice and continued (PDPA). */
    consentAt: timestamp('consent_at', { withTimezone: true }),
    followedAt: timestamp('followed_at', { withTimezone: true }),
    unfollowedAt: timestamp('unfollowed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('residents_org_line_user').on(t.orgId, t.lineUserId)],
);

/** Where each resident is in a chat flow. */
export const conversationStates = pgTable('conversation_states', {
  residentId: uuid('resident_id')
    .primaryKey()
    .references(() => residents.id),
  orgId: orgId(),
  flow: text('flow').notNull(),
  step: text('step').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Raw webhook events, stored before the 200 (docs/decisions/002-ack-after-durable-insert.md). */
export const inboxEvents = pgTable(
  'inbox_events',
  {
    id: id(),
    orgId: orgId(),
    /** LINE's event id: unique within an organisation (its channel), not across them (0016). */
    webhookEventId: text('webhook_event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The LINE user, group or room the event came from: events of one source are handled in order. */
    sourceId: text('source_id'),
    isRedelivery: boolean('is_redelivery').notNull().default(false),
    raw: jsonb('raw').$type<WebhookEvent>().notNull(),
    /** The event's own timestamp (ms since epoch, from LINE). */
    eventTimestamp: bigint('event_timestamp', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** Arrival order, the tie-break after eventTimestamp for one sender's events (0009). */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  },
  (t) => [
    index('inbox_events_unprocessed')
      .on(t.nextAttemptAt)
      .where(sql`${t.processedAt} is null`),
    index('inbox_events_sender_unprocessed')
      .on(t.orgId, t.sourceId, t.eventTimestamp, t.seq)
      .where(sql`${t.processedAt} is null`),
    index('inbox_events_processed_at')
      .on(t.processedAt)
      .where(sql`${t.processedAt} is not null`),
    uniqueIndex('inbox_events_org_webhook_event_id').on(t.orgId, t.webhookEventId),
  ],
);

/**
 * Every message the bot sends: replies (reply token) and pushes. The id is the
 * X-Line-Retry-Key, so LINE accepts a push once however often it is retried
 * (docs/decisions/003-outbox.md).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    orgId: orgId(),
    kind: outboxKind('kind').notNull(),
    /** userId, groupId or roomId; for multicast a JSON list lives in `recipients`. */
    target: text('target'),
    recipients: jsonb('recipients').$type<string[]>(),
    replyToken: text('reply_token'),
    messages: jsonb('messages').$type<Message[]>().notNull(),
    /** A `webhook` row: the JSON body POSTed to `target` (an agency's URL; decision 038). */
    payload: jsonb('payload'),
    state: outboxState('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** What caused it, for tracing: an inbox event, a case update, a job. */
    sourceInboxId: uuid('source_inbox_id').references(() => inboxEvents.id),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_due')
      .on(t.nextAttemptAt)
      .where(sql`${t.state} in ('pending', 'sending')`),
    index('outbox_created_at').on(t.createdAt),
  ],
);

/** One row per call to LINE for an outbox row: the ledger behind "a push is never sent twice". */
export const outboxAttempts = pgTable(
  'outbox_attempts',
  {
    outboxId: uuid('outbox_id')
      .notNull()
      .references(() => outbox.id),
    attempt: integer('attempt').notNull(),
    orgId: orgId(),
    kind: outboxKind('kind').notNull(),
    status: integer('status'),
    error: text('error'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.outboxId, t.attempt] })],
);

/** A case (เรื่อง): a question, a service request, a complaint or a corruption complaint. */
export const cases = pgTable(
  'cases',
  {
    id: id(),
    orgId: orgId(),
    /** What the resident quotes to follow the case, e.g. FS-6905-K7Q2. Unique per organisation. */
    trackingCode: text('tracking_code').notNull(),
    kind: caseKind('kind').notNull(),
    /** A service_categories code, e.g. street_light. */
    category: text('category').notNull().default(''),
    subject: text('subject').notNull().default(''),
    description: text('description').notNull().default(''),
    /** For complaints: the division or person the complaint is about, as the reporter wrote it. */
    concerning: text('concerning').notNull().default(''),
    photos: jsonb('photos').$type<CasePhoto[]>().notNull().default([]),
    /** Where the problem is: the pin the resident sent, and the address LINE gave with it. */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    address: text('address'),
    stateType: stateType('state_type').notNull().default('waiting'),
    /** The organisation's label for the state when it was set (labels can be renamed later). */
    stateLabel: text('state_label').notNull(),
    /** Null for anonymous and confidential corruption complaints: no plain link to the reporter. */
    residentId: uuid('resident_id').references(() => residents.id),
    anonymity: anonymity('anonymity').notNull().default('none'),
    /** Confidential reports: who reported, encrypted for the integrity officers (SecretBox). */
    reporterIdentityEnc: text('reporter_identity_enc'),
    /** Anonymous reports: the tracking PIN, as a keyed hash (never the PIN itself). */
    pinHash: text('pin_hash'),
    /** A member of staff who filed the case (e.g. a staff corruption report). */
    filedByStaffId: uuid('filed_by_staff_id').references(() => staff.id),
    divisionId: uuid('division_id').references(() => divisions.id),
    assigneeId: uuid('assignee_id').references(() => staff.id),
    channel: text('channel').notNull().default('line'),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** Filed in an urgent category (shared/conversation/intake.ts): alerted as urgent. */
    urgent: boolean('urgent').notNull().default(false),
    /** Residents affected: the reporter plus each "+1" at intake (case_supporters). */
    affectedCount: integer('affected_count').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** When the case should be accepted by (working days of its category). */
    acceptDueAt: timestamp('accept_due_at', { withTimezone: true }),
    /** 0 none, 1 assignee reminded, 2 division head, 3 clerk's office. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** The 15-day limit passed unfinished: the officer must explain to the complainant. */
    explanationRequestedAt: timestamp('explanation_requested_at', { withTimezone: true }),
    explanationSentAt: timestamp('explanation_sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('cases_org_tracking').on(t.orgId, t.trackingCode),
    index('cases_org_state').on(t.orgId, t.stateType),
    index('cases_resident').on(t.residentId),
  ],
);

/** A timeline entry on a case. Append-only: a trigger refuses UPDATE and DELETE. */
export const caseUpdates = pgTable(
  'case_updates',
  {
    id: id(),
    orgId: orgId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    authorKind: text('author_kind', { enum: ['staff', 'resident', 'system'] }).notNull(),
    authorStaffId: uuid('author_staff_id').references(() => staff.id),
    note: text('note').notNull(),
    fromState: stateType('from_state'),
    toState: stateType('to_state'),
    photos: jsonb('photos').$type<CasePhoto[]>().notNull().default([]),
    /** A staff-only note: never sent to, nor shown to, the resident. */
    internal: boolean('internal').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('case_updates_case').on(t.caseId, t.createdAt)],
);

/** The organisation's categories of service requests and complaints, with their owner and time limits. */
export const serviceCategories = pgTable(
  'service_categories',
  {
    id: id(),
    orgId: orgId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: caseKind('kind').notNull(),
    divisionId: uuid('division_id').references(() => divisions.id),
    /** Working days to accept and to finish (service standard); null means the org default. */
    acceptDays: integer('accept_days'),
    finishDays: integer('finish_days'),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    /** Residents' own words for this category (admin console). */
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    /** Reports of this category within this many metres are offered as duplicates; null = default. */
    duplicateRadiusM: integer('duplicate_radius_m'),
    /** Keywords, example phrases, urgent, duplicate radius (shared/conversation/intake.ts). */
    intake: jsonb('intake').$type<Partial<CategoryIntake>>().notNull().default({}),
  },
  (t) => [uniqueIndex('service_categories_org_code').on(t.orgId, t.code)],
);

/** FAQ entries per organisation; `tokens` holds the segmented, normalised words for ranking. */
export const faqEntries = pgTable(
  'faq_entries',
  {
    id: id(),
    orgId: orgId(),
    /** The id from the imported CSV: import upserts by it. */
    extId: text('ext_id').notNull(),
    question: text('question').notNull(),
    variants: jsonb('variants').$type<string[]>().notNull().default([]),
    answer: text('answer').notNull(),
    links: jsonb('links').$type<{ label: string; uri: string }[]>().notNull().default([]),
    quickReplies: jsonb('quick_replies').$type<string[]>().notNull().default([]),
    tokens: jsonb('tokens').$type<string[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('faq_entries_org_ext').on(t.orgId, t.extId)],
);

/** Fixed-window counters, e.g. tracking-code + PIN guesses per LINE user per hour. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull().default(0),
});

// ── Staff workflow (issue 4) ──

/** One-time codes that link a LINE account to a staff record with a role. Only a hash is kept. */
export const staffInvites = pgTable('staff_invites', {
  id: id(),
  orgId: orgId(),
  codeHash: text('code_hash').notNull().unique(),
  role: staffRole('role').notNull(),
  divisionId: uuid('division_id').references(() => divisions.id),
  /** An existing staff record to link, or null to create one on use. */
  staffId: uuid('staff_id').references(() => staff.id),
  name: text('name').notNull().default(''),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedByStaffId: uuid('used_by_staff_id').references(() => staff.id),
  createdAt: createdAt(),
});

/** Public holidays. org_id null = the national list; an organisation may add its own days. */
export const holidays = pgTable(
  'holidays',
  {
    id: id(),
    orgId: uuid('org_id').references(() => orgs.id),
    day: date('day').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('holidays_org_day').on(t.orgId, t.day)],
);

/**
 * What a job or an alert has sent, by a key that names it once (e.g. `digest:<division>:<date>`,
 * `alert:<case>:<staff>`, `sla:<case>:<level>`): a job run twice sends once.
 */
export const sentLedger = pgTable('sent_ledger', {
  key: text('key').primaryKey(),
  orgId: orgId(),
  outboxId: uuid('outbox_id').references(() => outbox.id),
  createdAt: createdAt(),
});

/** Who viewed or changed what. Every read of a corruption case is logged. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    orgId: orgId(),
    staffId: uuid('staff_id').references(() => staff.id),
    action: text('action').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('audit_log_org_at').on(t.orgId, t.at), index('audit_log_case').on(t.caseId)],
);

/**
 * Who hears about a case's progress when the case row may not say who filed it
 * (anonymous corruption reporters who opted in): the LINE id sealed with SecretBox.
 */
export const caseWatchers = pgTable('case_watchers', {
  id: id(),
  orgId: orgId(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  targetEnc: text('target_enc').notNull(),
  createdAt: createdAt(),
});

// ── Surveys (issue 5) ──

/** A survey definition, versioned per assessment year. Published versions never change. */
export const surveys = pgTable(
  'surveys',
  {
    id: id(),
    orgId: orgId(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    /** Buddhist-era assessment year, e.g. 2569. */
    assessmentYear: integer('assessment_year').notNull(),
    title: text('title').notNull(),
    /** Sections, questions (code, indicator 6/7/8 or satisfaction, wording, scale, scores), follow-ups. */
    definition: jsonb('definition').$type<SurveyDefinition>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('surveys_org_code_version').on(t.orgId, t.code, t.version)],
);

/** A half-year reporting period, e.g. 2569-1 = 1 Oct 2568 – 31 Mar 2569. */
export const surveyRounds = pgTable(
  'survey_rounds',
  {
    id: id(),
    orgId: orgId(),
    label: text('label').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    targetSample: integer('target_sample'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('survey_rounds_org_label').on(t.orgId, t.label)],
);

/** Services an organisation offers (service standards: steps, time frame, documents, fees). */
export const services = pgTable(
  'services',
  {
    id: id(),
    orgId: orgId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    divisionId: uuid('division_id').references(() => divisions.id),
    steps: jsonb('steps').$type<string[]>().notNull().default([]),
    timeFrame: text('time_frame').notNull().default(''),
    documents: jsonb('documents').$type<string[]>().notNull().default([]),
    fees: text('fees').notNull().default(''),
    channels: jsonb('channels').$type<string[]>().notNull().default([]),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('services_org_code').on(t.orgId, t.code)],
);

/** A counter or point of service with its own QR code for the survey. */
export const servicePoints = pgTable(
  'service_points',
  {
    id: id(),
    orgId: orgId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    serviceId: uuid('service_id').references(() => services.id),
    divisionId: uuid('division_id').references(() => divisions.id),
  },
  (t) => [uniqueIndex('service_points_org_code').on(t.orgId, t.code)],
);

/** At most one survey invitation per finished case. */
export const surveyInvitations = pgTable('survey_invitations', {
  id: id(),
  orgId: orgId(),
  caseId: uuid('case_id')
    .notNull()
    .unique()
    .references(() => cases.id),
  outboxId: uuid('outbox_id').references(() => outbox.id),
  createdAt: createdAt(),
});

/**
 * A numbered batch of paper survey forms typed in by one staff member (issue 12). Its forms
 * count in the figures only once a second, different staff member has confirmed the batch.
 */
export const paperBatches = pgTable(
  'paper_batches',
  {
    id: id(),
    orgId: orgId(),
    /** 1, 2, 3… per organisation. */
    number: integer('number').notNull(),
    enteredByStaffId: uuid('entered_by_staff_id')
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
    confirmedByStaffId: uuid('confirmed_by_staff_id').references(() => staff.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('paper_batches_org_number').on(t.orgId, t.number)],
);

/**
 * One filled survey. No LINE user id: `dedupeHash` is a keyed hash of the person and
 * the scope (a visit, a case, a service in a round), unique, so one person answers once.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: id(),
    orgId: orgId(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    roundId: uuid('round_id').references(() => surveyRounds.id),
    channel: text('channel', { enum: ['counter', 'online', 'line', 'paper'] }).notNull(),
    respondentType: text('respondent_type').notNull().default(''),
    serviceId: uuid('service_id').references(() => services.id),
    servicePointId: uuid('service_point_id').references(() => servicePoints.id),
    divisionId: uuid('division_id').references(() => divisions.id),
    dedupeHash: text('dedupe_hash'),
    comment: text('comment').notNull().default(''),
    /** Staff who typed in a paper form. */
    enteredByStaffId: uuid('entered_by_staff_id').references(() => staff.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** How the answer was collected (shared/survey/source.ts); `channel` is the respondent's own answer. */
    source: text('source', { enum: SURVEY_SOURCES }).notNull().default('unknown'),
    /** A paper form's batch: counted only once the batch is confirmed (db/metrics.ts). */
    paperBatchId: uuid('paper_batch_id').references(() => paperBatches.id),
  },
  (t) => [
    uniqueIndex('survey_responses_dedupe').on(t.orgId, t.dedupeHash),
    index('survey_responses_org_round').on(t.orgId, t.roundId),
  ],
);

/**
 * Every dedupe scope a response claimed (the visit or case, and the person's service in the
 * round), as keyed hashes with no link to the response: a second answer in any scope is refused.
 */
export const surveyDedupeKeys = pgTable(
  'survey_dedupe_keys',
  {
    orgId: orgId(),
    keyHash: text('key_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.keyHash] })],
);

/** One answered question, with its score on 0–100, for aggregation in SQL at scale. */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => surveyResponses.id),
    orgId: orgId(),
    questionCode: text('question_code').notNull(),
    /** '6' | '7' | '8' | 'satisfaction' | 'profile' */
    indicator: text('indicator').notNull(),
    value: text('value').notNull(),
    score: real('score'),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.questionCode] }),
    index('survey_answers_org_question').on(t.orgId, t.questionCode),
  ],
);

// ── Metrics and reports (issue 6) ──

/** The official ITA scores an organisation received, per indicator (1–10) and year (พ.ศ.). */
export const itaScores = pgTable(
  'ita_scores',
  {
    id: id(),
    orgId: orgId(),
    year: integer('year').notNull(),
    indicator: integer('indicator').notNull(),
    score: doublePrecision('score').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ita_scores_org_year_indicator').on(t.orgId, t.year, t.indicator)],
);

/**
 * A report for a round: the figures frozen when published, and the clerk's recommendations.
 * Versions (decision 025): editing a published report starts the next version as a draft; a
 * published version is never changed again.
 */
export const reports = pgTable(
  'reports',
  {
    id: id(),
    orgId: orgId(),
    kind: text('kind').notNull(),
    roundLabel: text('round_label').notNull(),
    version: integer('version').notNull().default(1),
    recommendations: text('recommendations').notNull().default(''),
    figures: jsonb('figures').$type<FrozenFigures>(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reports_org_kind_round_version').on(t.orgId, t.kind, t.roundLabel, t.version),
  ],
);

/**
 * Proof of fix (decision 040): the staff "after" photos a report was finished with, and the
 * resident's "before" photo shown beside them. `fingerprint` is the dHash of the decoded
 * pixels (16 hex digits) or, for images not decoded, an exact digest; a photo whose
 * fingerprint matches one on another case is refused. Photos are stored without metadata.
 */
export const caseProofPhotos = pgTable(
  'case_proof_photos',
  {
    id: id(),
    orgId: orgId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    role: text('role', { enum: ['before', 'after'] }).notNull(),
    photoKey: text('photo_key').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    fingerprint: text('fingerprint').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    staffId: uuid('staff_id').references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('case_proof_photos_org_fingerprint').on(t.orgId, t.fingerprint),
    index('case_proof_photos_case').on(t.caseId),
  ],
);

/** How a finished case ended (decision 040): the reason for no photo, and the resident's verdict. */
export const caseOutcomes = pgTable(
  'case_outcomes',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    orgId: orgId(),
    /** A WAIVER_CODES reason when a report was finished without an "after" photo. */
    waiver: text('waiver'),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    verdict: text('verdict', { enum: ['fixed', 'not_fixed', 'partly'] }),
    rating: integer('rating'),
    verdictNote: text('verdict_note').notNull().default(''),
    verdictAt: timestamp('verdict_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_outcomes_org_finished').on(t.orgId, t.finishedAt)],
);
/** Deployment operators, above organisations: they create organisations (bot/admin/operator.ts). Only a keyed hash of the token is kept. */
export const operators = pgTable('operators', {
  id: id(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** Residents who added "+1" to an open case at intake (one row each; cases.affected_count). */
export const caseSupporters = pgTable(
  'case_supporters',
  {
    id: id(),
    orgId: orgId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    residentId: uuid('resident_id').references(() => residents.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('case_supporters_case_resident').on(t.caseId, t.residentId)],
);

/**
 * Other agencies a case can be forwarded to (decision 038): the organisation's directory. The
 * channel is data: `webhook` (POST JSON through the outbox), `email` and `exchange_api` (the
 * clerk sends the prepared text; no SMTP or exchange client exists).
 */
export const agencies = pgTable(
  'agencies',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    contact: text('contact').notNull().default(''),
    channel: text('channel', { enum: ['email', 'webhook', 'exchange_api'] }).notNull(),
    /** The e-mail address or the URL, by channel. */
    address: text('address').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('agencies_org_name').on(t.orgId, t.name)],
);

/** A case forwarded to another agency: what was sent (the public part only) and how. */
export const caseForwards = pgTable(
  'case_forwards',
  {
    id: id(),
    orgId: orgId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    staffId: uuid('staff_id').references(() => staff.id),
    note: text('note').notNull(),
    channel: text('channel', { enum: ['email', 'webhook', 'exchange_api'] }).notNull(),
    /** `outbox`: a webhook row delivers it; `clerk`: the clerk sends the prepared text. */
    delivery: text('delivery', { enum: ['outbox', 'clerk'] }).notNull(),
    /** The outbox row (no foreign key: retention deletes sent rows). */
    outboxId: uuid('outbox_id'),
    payload: jsonb('payload').notNull(),
    followUpAt: timestamp('follow_up_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('case_forwards_case').on(t.caseId)],
);
