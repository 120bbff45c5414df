"""A back-office system in another language: a Python client generated from
proto/ with Debian's protoc + grpc_python_plugin, run against a real biopolisd.

Usage: python_client.py GENERATED_DIR ADDRESS ADMIN_KEY OFFICER_KEY
Prints one line per check and a final "N passed, N failed" line."""
import sys
import time

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
from biopolis.v1 import admin_pb2, admin_pb2_grpc, application_pb2, application_pb2_grpc  # noqa: E402
from biopolis.v1 import common_pb2, events_pb2, events_pb2_grpc, organization_pb2, organization_pb2_grpc  # noqa: E402
from biopolis.v1 import documents_pb2, documents_pb2_grpc  # noqa: E402
import hashlib  # noqa: E402
import os  # noqa: E402
from google.rpc import error_details_pb2, status_pb2  # noqa: E402

address, admin_key, officer_key = sys.argv[2], sys.argv[3], sys.argv[4]
channel = grpc.insecure_channel(address)
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok:", name)
    else:
        failed += 1
        print("FAIL:", name, detail)


def auth(key):
    return (("authorization", "Bearer " + key),)


def rich_details(error):
    """Decodes google.rpc.Status from the trailers (docs/API.md shows this function):
    {"reason", "violations": [(field, description)], "retry_delay": seconds or None, "quota_subject"}."""
    out = {"reason": "", "violations": [], "retry_delay": None, "quota_subject": ""}
    for key, value in error.trailing_metadata() or ():
        if key != "grpc-status-details-bin":
            continue
        status = status_pb2.Status.FromString(value)
        for any_detail in status.details:
            info, bad = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest()
            retry, quota = error_details_pb2.RetryInfo(), error_details_pb2.QuotaFailure()
            if any_detail.Unpack(info):
                out["reason"] = info.reason
            elif any_detail.Unpack(bad):
                out["violations"] = [(v.field, v.description) for v in bad.field_violations]
            elif any_detail.Unpack(retry):
                out["retry_delay"] = retry.retry_delay.seconds + retry.retry_delay.nanos / 1e9
            elif any_detail.Unpack(quota):
                out["quota_subject"] = quota.violations[0].subject if quota.violations else ""
    return out


def details(error):
    """(reason, [(field, description)])."""
    d = rich_details(error)
    return d["reason"], d["violations"]


orgs = organization_pb2_grpc.OrganizationServiceStub(channel)
apps = application_pb2_grpc.ApplicationServiceStub(channel)
admin = admin_pb2_grpc.AdminServiceStub(channel)

# 1. An officer registers a company.
org = orgs.CreateOrganization(
    organization_pb2.CreateOrganizationRequest(
        organization=organization_pb2.Organization(
            inn="4345215090", ogrn="1024345291816", kpp="434501001",
            full_name="ООО «Интероп»", legal_address="Киров")),
    metadata=auth(officer_key))
check("create an organization", org.name.startswith("organizations/"), org)

# 2. A bad one: every bad field is a violation with its reason.
try:
    orgs.CreateOrganization(
        organization_pb2.CreateOrganizationRequest(
            organization=organization_pb2.Organization(inn="4345215091", ogrn="123", kpp="434501001",
                                                       full_name="Bad", legal_address="Киров")),
        metadata=auth(officer_key))
    check("a bad organization is refused", False)
except grpc.RpcError as e:
    reason, violations = details(e)
    fields = [f for f, _ in violations]
    check("a bad organization is INVALID_ARGUMENT", e.code() == grpc.StatusCode.INVALID_ARGUMENT, e.code())
    check("ErrorInfo.reason is decoded", reason == "INVALID_INN_CHECKSUM", reason)
    check("one violation per bad field",
          fields == ["organization.inn", "organization.ogrn"], fields)

# 3. The company gets a key and submits an application.
key = admin.CreateApiKey(admin_pb2.CreateApiKeyRequest(api_key=admin_pb2.ApiKey(
    display_name="interop", role=common_pb2.ROLE_RESIDENT, organization=org.name)), metadata=auth(admin_key))
draft = application_pb2.Application(
    project_name="Interop", project_description="Generated client", okved_codes=["21.20.1"],
    planned_investment_kopecks=15_000_000_000, planned_investment_3y_kopecks=5_000_000_000, planned_jobs=30)
draft.planned_start_date.year, draft.planned_start_date.month, draft.planned_start_date.day = 2027, 1, 1
draft.planned_completion_date.year, draft.planned_completion_date.month, draft.planned_completion_date.day = 2029, 1, 1
app = apps.CreateApplication(application_pb2.CreateApplicationRequest(application=draft),
                             metadata=auth(key.secret))
# 3b. Documents through a client-streaming call from a generated stub: the company attaches a 2.5 MiB PDF in
# 1 MiB messages (the API's maximum) with its hash; an officer streams it back; bad uploads are refused precisely.
docs = documents_pb2_grpc.DocumentServiceStub(channel)
pdf = b"%PDF-1.4\n" + os.urandom(2_500_000)


def upload(meta, data, chunk=1 << 20):
    yield documents_pb2.UploadDocumentRequest(metadata=meta)
    for i in range(0, len(data), chunk):
        yield documents_pb2.UploadDocumentRequest(chunk=data[i:i + chunk])


meta = documents_pb2.UploadDocumentRequest.Metadata(
    parent=app.name, kind=documents_pb2.Document.KIND_BUSINESS_PLAN, file_name="Бизнес-план.pdf",
    expected_sha256=hashlib.sha256(pdf).hexdigest())
doc = docs.UploadDocument(upload(meta, pdf), metadata=auth(key.secret))
check("upload a document in 1 MiB messages", doc.sha256 == hashlib.sha256(pdf).hexdigest() and
      doc.size_bytes == len(pdf) and doc.content_type == "application/pdf", doc)
got, first = b"", None
for m in docs.DownloadDocument(documents_pb2.DownloadDocumentRequest(name=doc.name), metadata=auth(officer_key)):
    if m.HasField("metadata"):
        first = m.metadata
    else:
        got += m.chunk
check("download streams the metadata, then the same bytes",
      first is not None and first.file_name == "Бизнес-план.pdf" and got == pdf, first)
for what, messages, want in [
        ("a chunk over 1 MiB", upload(documents_pb2.UploadDocumentRequest.Metadata(
            parent=app.name, kind=documents_pb2.Document.KIND_OTHER, file_name="a.pdf"), pdf, (1 << 20) + 1),
         "CHUNK_TOO_LARGE"),
        ("bytes that do not match the hash", upload(documents_pb2.UploadDocumentRequest.Metadata(
            parent=app.name, kind=documents_pb2.Document.KIND_OTHER, file_name="a.pdf",
            expected_sha256="0" * 64), pdf), "SHA256_MISMATCH"),
        ("no metadata first", iter([documents_pb2.UploadDocumentRequest(chunk=pdf[:1000])]), "METADATA_REQUIRED")]:
    try:
        docs.UploadDocument(messages, metadata=auth(key.secret))
        check(what + " is refused", False)
    except grpc.RpcError as e:
        reason, _ = details(e)
        check(what + " is INVALID_ARGUMENT " + want, e.code() == grpc.StatusCode.INVALID_ARGUMENT and reason == want,
              (e.code(), reason))
listed = docs.ListDocuments(documents_pb2.ListDocumentsRequest(parent=app.name), metadata=auth(officer_key))
check("refused uploads stored nothing", [d.name for d in listed.documents] == [doc.name], listed)
submitted = apps.SubmitApplication(application_pb2.SubmitApplicationRequest(name=app.name, etag=app.etag),
                                   metadata=auth(key.secret))
check("submit an application", submitted.state == application_pb2.Application.STATE_SUBMITTED, submitted.state)

# 4. Over the key's rate limit (the demo server: 100 calls/s, burst 200): RESOURCE_EXHAUSTED RATE_LIMITED with
# RetryInfo saying when to come back and QuotaFailure naming the limit; after that delay the key works again.
limited = None
for _ in range(1000):
    try:
        orgs.GetOrganization(organization_pb2.GetOrganizationRequest(name=org.name), metadata=auth(key.secret))
    except grpc.RpcError as e:
        limited = e
        break
check("a burst of calls meets the rate limit", limited is not None)
if limited is not None:
    d = rich_details(limited)
    check("it is RESOURCE_EXHAUSTED RATE_LIMITED",
          limited.code() == grpc.StatusCode.RESOURCE_EXHAUSTED and d["reason"] == "RATE_LIMITED",
          (limited.code(), d["reason"]))
    check("RetryInfo says when to retry", d["retry_delay"] is not None and d["retry_delay"] > 0, d["retry_delay"])
    check("QuotaFailure names the limit", d["quota_subject"] == "api key", d["quota_subject"])
    time.sleep(d["retry_delay"] or 1)
    again = orgs.GetOrganization(organization_pb2.GetOrganizationRequest(name=org.name), metadata=auth(key.secret))
    check("after the RetryInfo delay the call succeeds", again.name == org.name)

# 5. Re-sync from ListEvents while an officer keeps writing: page through, and at the end of the stored
# events list again after the last sequence seen, until the writer is done. The auditor's view (admin key
# here: every event) must be 1..N with no gap and no repeat, and equal to what WatchEvents delivers.
import threading  # noqa: E402


def inn_for(n):
    base = "43%07d" % n
    weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    return base + str(sum(w * int(c) for w, c in zip(weights, base)) % 11 % 10)


def ogrn_for(n):
    base = "10243%07d" % n
    return base + str(int(base) % 11 % 10)


events = events_pb2_grpc.EventServiceStub(channel)
writer_done = threading.Event()


def write():
    for n in range(7000, 7030):
        orgs.CreateOrganization(organization_pb2.CreateOrganizationRequest(organization=organization_pb2.Organization(
            inn=inn_for(n), ogrn=ogrn_for(n), kpp="434501001", full_name="Запись %d" % n, legal_address="Киров")),
            metadata=auth(officer_key))
    writer_done.set()


writer = threading.Thread(target=write)
writer.start()
listed, after, token, pages = [], 0, "", 0
while True:
    done_before = writer_done.is_set()
    page = events.ListEvents(events_pb2.ListEventsRequest(after_sequence=after, page_size=4, page_token=token),
                             metadata=auth(admin_key))
    pages += 1
    listed += [e.sequence for e in page.events]
    token = page.next_page_token
    if token:
        continue
    if done_before:
        break
    after = listed[-1] if listed else 0
writer.join()
check("ListEvents pages while a writer commits: no gap, no repeat",
      listed == list(range(1, len(listed) + 1)) and len(listed) >= 30, (pages, listed[:5], listed[-5:]))
half = len(listed) // 2
stream = events.WatchEvents(events_pb2.WatchEventsRequest(after_sequence=listed[half - 1]), metadata=auth(admin_key))
streamed = []
for e in stream:
    streamed.append(e.sequence)
    if len(streamed) == len(listed) - half:
        break
stream.cancel()
check("the stream after a listed sequence delivers exactly the listed rest", streamed == listed[half:],
      (streamed[:3], listed[half:half + 3]))

# 6. A resident's ListEvents: only its own organization's events, each naming it; another's is NOT_FOUND.
time.sleep(1) if limited is not None else None  # the resident key's bucket refills after step 4
own = events.ListEvents(events_pb2.ListEventsRequest(page_size=500), metadata=auth(key.secret))
check("a resident lists only its own organization's events",
      len(own.events) > 0 and all(e.organization == org.name for e in own.events),
      [(e.resource, e.organization) for e in own.events][:5])
try:
    events.ListEvents(events_pb2.ListEventsRequest(organization="organizations/1"), metadata=auth(key.secret))
    check("another organization's events are refused", org.name == "organizations/1")
except grpc.RpcError as e:
    check("another organization's events are NOT_FOUND", e.code() == grpc.StatusCode.NOT_FOUND, e.code())
try:
    events.ListEvents(events_pb2.ListEventsRequest(resource_types=["aplications"]), metadata=auth(admin_key))
    check("an unknown collection is refused", False)
except grpc.RpcError as e:
    reason, violations = details(e)
    check("an unknown collection is INVALID_ARGUMENT INVALID_RESOURCE_TYPE",
          e.code() == grpc.StatusCode.INVALID_ARGUMENT and reason == "INVALID_RESOURCE_TYPE"
          and [f for f, _ in violations] == ["resource_types[0]"], (e.code(), reason, violations))

# 7. The registry as a legal record, as an outsider checks it: the public registry without any key, and a
# signed extract verified here with an independent Ed25519 implementation (python3-cryptography) after
# re-serializing its content canonically (RFC 8785 form) with Python's own json module.
import json  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey  # noqa: E402
from cryptography.exceptions import InvalidSignature  # noqa: E402
from biopolis.v1 import extracts_pb2, extracts_pb2_grpc, public_registry_pb2, public_registry_pb2_grpc  # noqa: E402

public = public_registry_pb2_grpc.PublicRegistryServiceStub(channel)
found = public.ListPublicResidents(public_registry_pb2.ListPublicResidentsRequest(name_contains="ВЯТСКАЯ"))
check("the public registry answers without a key", len(found.residents) == 1
      and found.residents[0].registry_number.startswith("43-"), found)
check("... only public facts", set(f.name for f, _ in found.residents[0].ListFields())
      <= {"registry_number", "full_name", "short_name", "inn", "ogrn", "state", "inclusion_date",
          "exclusion_date", "okved_codes", "sites"}, found.residents[0])
keys = {k.key_id: k.public_key for k in public.GetSigningKeys(public_registry_pb2.GetSigningKeysRequest()).signing_keys}
extracts = extracts_pb2_grpc.RegistryExtractServiceStub(channel)
extract = extracts.IssueRegistryExtract(extracts_pb2.IssueRegistryExtractRequest(subject="residents/1"),
                                        metadata=auth(officer_key))
doc = json.loads(extract.document)


def canonical(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def verifies(content_bytes, signature_hex, key_id):
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(keys[key_id])).verify(bytes.fromhex(signature_hex),
                                                                               content_bytes)
        return True
    except (InvalidSignature, KeyError):
        return False


check("the extract file is canonical JSON", canonical(doc) == extract.document, extract.document[:80])
check("its signature verifies in Python over the re-serialized content",
      verifies(canonical(doc["content"]), doc["signature"], doc["key_id"]), doc["key_id"])
doc["content"]["organization"]["inn"] = "0000000000"
check("a changed fact does not verify", not verifies(canonical(doc["content"]), doc["signature"], doc["key_id"]))

print(f"{passed} passed, {failed} failed")
sys.exit(0 if failed == 0 else 1)
