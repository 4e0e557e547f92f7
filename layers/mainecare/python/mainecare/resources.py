"""The one description of the system's AWS resources: names, keys, queues, schedules.

The CDK app (infra/) and the local stack (local/) both build from this catalogue, so a table
key or a schedule cannot differ between production and a developer's laptop. Functions never
read it for names: they get physical names through the environment variables named here.
"""

from __future__ import annotations

from valueobjects import value_object


@value_object
class Index:
    name: str
    partition_key: str
    sort_key: str | None = None
    # None projects every attribute; a tuple of names projects only those (besides the keys):
    # an index write costs a write unit per KB of what it projects.
    projection: tuple[str, ...] | None = None


@value_object
class Table:
    logical_id: str
    env_var: str
    local_name: str
    partition_key: str
    sort_key: str | None = None
    indexes: tuple[Index, ...] = ()
    ttl_attribute: str | None = None
    stream: str | None = None  # a DynamoDB stream's view type (NEW_IMAGE ...) when something reads it


@value_object
class Bucket:
    logical_id: str
    env_var: str
    local_name: str
    notify_queue: str | None = None  # logical id of the queue told about new objects
    notify_prefix: str = ""


@value_object
class Queue:
    logical_id: str
    env_var: str
    local_name: str
    consumer: str  # function that drains it
    max_receive_count: int = 3
    visibility_timeout_seconds: int = 360  # six times the consumer's timeout, as AWS advises
    batch_size: int = 5


@value_object
class Schedule:
    logical_id: str
    function: str
    expression: str  # EventBridge cron(min hour day-of-month month day-of-week year), UTC
    description: str


@value_object
class StateMachine:
    logical_id: str
    env_var: str
    local_name: str
    definition_file: str  # relative to infra/statemachines
    reads_items_from: str | None = None  # the bucket its Distributed Map's ItemReader reads (logical id)
    tables: tuple[str, ...] = ()  # logical ids it may write (least privilege)
    invokes: tuple[str, ...] = ()  # functions its tasks invoke (`${<name>FunctionArn}` in the definition)
    # A Distributed Map runs child executions of its own machine; moto cannot run one (nor invoke
    # Lambda without Docker), so the local stack does not create it and the job runs in process.
    distributed: bool = False


@value_object
class Function:
    name: str  # folder under functions/
    handler: str  # module.function inside that folder
    description: str
    timeout_seconds: int = 60
    memory_mb: int = 512
    tables: tuple[str, ...] = ()
    read_buckets: tuple[str, ...] = ()
    write_buckets: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()  # state machines it starts (their ARNs in its environment)
    concurrency: int | None = None  # reserved concurrency, when its default does not fit
    stream_from: str | None = None  # the table whose stream invokes it (a stream event source)
    user_pool: bool = False  # administers users of the API's Cognito pool (invitations, enable/disable)
    on_demand: bool = False  # an operator's job with no schedule (`python -m local job NAME`)


@value_object
class Catalogue:
    tables: tuple[Table, ...]
    buckets: tuple[Bucket, ...]
    queues: tuple[Queue, ...]
    schedules: tuple[Schedule, ...]
    state_machines: tuple[StateMachine, ...]
    functions: tuple[Function, ...]

    def table(self, logical_id: str) -> Table:
        return _find(self.tables, logical_id)

    def bucket(self, logical_id: str) -> Bucket:
        return _find(self.buckets, logical_id)

    def queue(self, logical_id: str) -> Queue:
        return _find(self.queues, logical_id)

    def function(self, name: str) -> Function:
        for item in self.functions:
            if item.name == name:
                return item
        raise KeyError(name)


def _find(items, logical_id):
    for item in items:
        if item.logical_id == logical_id:
            return item
    raise KeyError(logical_id)


_GSI1 = Index("gsi1", "gsi1pk", "gsi1sk")
# What the Claims table's indexes carry: a claim's listed fields (stores/claim_records.py), which
# the authorization requests kept in the same table share (their lists read items by key).
CLAIM_INDEX_ATTRIBUTES = ("trading_partner_id", "channel", "status", "received_at", "patient_control_number",
                          "member_id", "service_from", "service_to", "total_charge", "source")

CATALOGUE = Catalogue(
    tables=(
        # gsi1: a trading partner's claims by received time; gsi2: a member's claims by service date.
        # Its stream (new claims) feeds claim_lines_extract, which writes the claim-line shards the
        # quarterly auto-assignment reads (stores/claim_lines.py).
        Table("Claims", "CLAIMS_TABLE", "mainecare-claims", "pk", "sk", (
            Index("gsi1", "gsi1pk", "gsi1sk", CLAIM_INDEX_ATTRIBUTES),
            Index("gsi2", "gsi2pk", "gsi2sk", CLAIM_INDEX_ATTRIBUTES)),
              stream="NEW_IMAGE"),
        Table("Panels", "PANELS_TABLE", "mainecare-panels", "pk", "sk", (_GSI1,)),
        Table("Accounts", "ACCOUNTS_TABLE", "mainecare-accounts", "pk", "sk", (_GSI1,)),
        Table("Reference", "REFERENCE_TABLE", "mainecare-reference", "pk", "sk"),
        Table("Audit", "AUDIT_TABLE", "mainecare-audit", "pk", "sk", (_GSI1,)),
        # Layout Powertools Idempotency expects: partition key "id", TTL on "expiration".
        Table("Idempotency", "IDEMPOTENCY_TABLE", "mainecare-idempotency", "id",
              ttl_attribute="expiration"),
        # Health Homes (issue 4). Members: the MIHMS eligibility and service data the rules read
        # (pk MEMBER#id, sk PROFILE); Practices: practices, sites, BHHO/CCT/TCM organizations and
        # affiliations (pk PRACTICE#/SITE#/ORG#, gsi1 lists a practice's sites and an
        # organization's affiliations). Separate from Panels so the opt-out timer's role, which may
        # touch Panels only, never reaches diagnoses or practice data.
        Table("Members", "MEMBERS_TABLE", "mainecare-members", "pk", "sk"),
        Table("Practices", "PRACTICES_TABLE", "mainecare-practices", "pk", "sk", (_GSI1,)),
    ),
    buckets=(
        Bucket("InboundEdi", "INBOUND_BUCKET", "mainecare-inbound-edi", "EdiIngestQueue"),
        Bucket("OutboundAck", "OUTBOUND_BUCKET", "mainecare-outbound-ack"),
        # Health Home letters to members (PDF, PHI): letters/<letter date>/<request id>.pdf
        Bucket("MemberLetters", "MEMBER_LETTERS_BUCKET", "mainecare-member-letters"),
        Bucket("ReferenceData", "REFERENCE_BUCKET", "mainecare-reference-data",
               "ReferenceIngestQueue", notify_prefix="incoming/"),
        # Claim lines by service month (claim-lines/service-month=YYYY-MM/...tsv.gz, PHI) and the
        # quarterly auto-assignment's runs (assignment-runs/<batch>/...): stores/claim_lines.py.
        Bucket("ClaimLineShards", "CLAIM_LINES_BUCKET", "mainecare-claim-lines"),
        # Documents attached to authorization requests, uploaded by the requester with a presigned POST.
        Bucket("Attachments", "ATTACHMENTS_BUCKET", "mainecare-attachments"),
    ),
    queues=(
        # A 100k-claim 837 may take minutes: visibility is six times edi_ingest's 15-minute timeout.
        Queue("EdiIngestQueue", "EDI_INGEST_QUEUE", "mainecare-edi-ingest", "edi_ingest",
              visibility_timeout_seconds=5400, batch_size=1),
        # reference_ingest re-edits pended claims after a load and may run its full 15 minutes.
        Queue("ReferenceIngestQueue", "REFERENCE_INGEST_QUEUE", "mainecare-reference-ingest",
              "reference_ingest", visibility_timeout_seconds=5400, batch_size=1),
    ),
    schedules=(
        Schedule("LicenseSyncSchedule", "license_sync", "cron(0 6 ? * MON *)",
                 "Weekly license sync, Mondays, 60-day look-ahead"),
        Schedule("QuarterlyAssignmentSchedule", "quarterly_assignment",
                 "cron(0 7 1 JAN,APR,JUL,OCT ? *)",
                 "Quarterly Health Home auto-assignment from a year of claims"),
        Schedule("MonthlyPaymentsSchedule", "monthly_payments", "cron(0 8 1 * ? *)",
                 "Monthly per-member-per-month payment run"),
        Schedule("DashboardRefreshSchedule", "dashboard_refresh", "cron(0 6 ? * SAT#2 *)",
                 "Monthly Member Dashboard refresh, the second Saturday"),
        Schedule("AccountInactivitySchedule", "account_inactivity", "cron(0 9 * * ? *)",
                 "Daily: flag inactive trading-partner users, deactivate after the notice period"),
    ),
    state_machines=(
        StateMachine("OptOutTimer", "OPT_OUT_STATE_MACHINE", "mainecare-opt-out-timer",
                     "opt_out_timer.asl.json", tables=("Panels",)),
        # The monthly payment run, one site per Distributed Map item (services/health_homes/payment_run.py).
        StateMachine("PaymentRun", "PAYMENT_RUN_STATE_MACHINE", "mainecare-payment-run", "payment_run.asl.json",
                     invokes=("monthly_payments",), distributed=True),
        # The quarterly auto-assignment: a Distributed Map counts each claim-line shard of the year
        # (ItemReader: the run's shard list in ClaimLineShards), a merge, a second map assigns
        # member chunks (services/health_homes/quarterly_assignment.py).
        StateMachine("QuarterlyAssignment", "QUARTERLY_ASSIGNMENT_STATE_MACHINE", "mainecare-quarterly-assignment",
                     "quarterly_assignment.asl.json", invokes=("quarterly_assignment",), distributed=True,
                     reads_items_from="ClaimLineShards"),
    ),
    functions=(
        Function("edi_ingest", "handler.handler", "Reads 837 files from the inbound bucket",
                 timeout_seconds=900, memory_mb=2048,  # Lambda's ceiling: one file, one run
                 tables=("Claims", "Reference", "Accounts", "Audit", "Idempotency", "Members"),
                 read_buckets=("InboundEdi", "ReferenceData"), write_buckets=("OutboundAck",)),
        # After a load it re-edits the claims pended for want of that file (services/claims/reedit_pended):
        # Claims to move them on, Accounts for the providers' 340B and licence data the edits read. A
        # member file also re-judges pending Health Home requests for their assignment day (Panels,
        # Practices: services/health_homes/assignment_day).
        Function("reference_ingest", "handler.handler",
                 "Loads a dropped crosswalk (versioned index artifact) or member eligibility file; "
                 "re-edits pended claims",
                 timeout_seconds=900, memory_mb=1024,
                 tables=("Reference", "Audit", "Claims", "Accounts", "Members", "Panels", "Practices"),
                 read_buckets=("ReferenceData",), write_buckets=("ReferenceData",)),
        # Licences, their expiry index and maintenance cases (Accounts); the ALMS export and the run
        # reports (ReferenceData: licenses/alms/latest.csv, licenses/reports/<date>.json).
        Function("license_sync", "handler.handler", "Weekly license sync (Mondays)", timeout_seconds=900,
                 tables=("Accounts", "Audit"), read_buckets=("ReferenceData",), write_buckets=("ReferenceData",)),
        # Reads claim-line shards and writes its run files (ClaimLineShards); member data for Stage A
        # (Members), sites and affiliations (Practices), pending requests, quarter markers, audit
        # (Panels, Audit); starts opt-out timers; member letters (MemberLetters).
        Function("quarterly_assignment", "handler.handler", "Quarterly Health Home auto-assignment",
                 timeout_seconds=900, memory_mb=1024,
                 tables=("Panels", "Audit", "Members", "Practices"),
                 read_buckets=("ClaimLineShards",), write_buckets=("ClaimLineShards", "MemberLetters"),
                 starts=("QuarterlyAssignment", "OptOutTimer"), concurrency=21),
        # Claims table stream (inserts) -> one shard object per batch and service month.
        Function("claim_lines_extract", "handler.handler", "Writes new claims' lines to the claim-line shards",
                 timeout_seconds=300, memory_mb=1024, write_buckets=("ClaimLineShards",), stream_from="Claims",
                 concurrency=10),
        Function("dashboard_refresh", "handler.handler", "Monthly Member Dashboard refresh", timeout_seconds=900,
                 memory_mb=1024, tables=("Panels", "Practices", "Members", "Claims")),
        # Attestations, panels and the ledger (Panels), sites and practices, member names for the 835,
        # the control-number counter (Reference); remittances go to the outbound bucket.
        # Deployed, its schedule starts PaymentRun, whose Distributed Map calls it once per site (at
        # most 20 at once: its reserved concurrency is the map's MaxConcurrency plus the start step).
        Function("monthly_payments", "handler.handler", "Monthly PMPM payment run", timeout_seconds=900,
                 memory_mb=1024, tables=("Panels", "Audit", "Practices", "Members", "Reference"),
                 write_buckets=("OutboundAck",), starts=("PaymentRun",), concurrency=21),
        Function("account_inactivity", "handler.handler", "Flags and deactivates inactive partner users",
                 timeout_seconds=300, tables=("Accounts", "Audit"), user_pool=True),
        Function("account_migration", "handler.handler", "Migrates the old portal's clean Admin (R7) accounts",
                 timeout_seconds=900, tables=("Accounts", "Audit"), read_buckets=("ReferenceData",),
                 write_buckets=("ReferenceData",), user_pool=True, on_demand=True),
    ),
)

# The API function (Chalice) reads and writes these.
# Members and Practices for eligibility and Health Home sites; MemberLetters for the letters it renders.
API_TABLES = ("Claims", "Panels", "Accounts", "Reference", "Audit", "Idempotency", "Members", "Practices")
API_READ_BUCKETS = ("ReferenceData", "OutboundAck")
API_WRITE_BUCKETS = ("InboundEdi", "MemberLetters", "Attachments")

# What the API and user-administering functions may do to the Cognito pool (users, never the pool).
USER_POOL_ACTIONS = ("cognito-idp:AdminCreateUser", "cognito-idp:AdminDeleteUser", "cognito-idp:AdminEnableUser",
                     "cognito-idp:AdminDisableUser")

# Environment variables naming the Cognito pool the API trusts.
COGNITO_ENV = {
    "user_pool_id": "COGNITO_USER_POOL_ID",
    "app_client_id": "COGNITO_APP_CLIENT_ID",
    "issuer": "COGNITO_ISSUER",
    "jwks_url": "COGNITO_JWKS_URL",
}
