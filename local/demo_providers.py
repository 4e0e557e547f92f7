"""Demo providers of DOWNEAST with licences, and a demo ALMS export for the weekly licence sync.

Dr. Demo's licence expires 2027-01-15 and the export renews it to 2029-01-15; Nurse Sample's is
under Title 5 review; Nurse Sample also holds a second licence the program does not know (a
maintenance case on the first Monday run within 60 days of 2027-01-15, e.g. `python -m local job
license_sync --date 2026-11-30`)."""

from __future__ import annotations

from datetime import date

ALMS_KEY = "licenses/alms/latest.csv"
ALMS_EXPORT = """license_number,holder,profession,status,expiration_date,title5_review
MD-DEMO-1,Dr Demo Physician,Physician,Active,2029-01-15,N
NP-DEMO-2,Nurse Sample,Nurse Practitioner,Active,2029-01-15,Y
RN-DEMO-3,Nurse Sample,Registered Nurse,Active,2028-06-30,N
"""
PROVIDERS = (("1550000081", "MD-DEMO-1", "Dr Demo Physician", "Physician"),
             ("1550000099", "NP-DEMO-2", "Nurse Sample", "Nurse Practitioner"))


def seed() -> None:
    from mainecare.config import settings
    from mainecare.stores import providers
    from mainecare.stores.aws import client

    for npi, number, holder, profession in PROVIDERS:
        providers.put_provider(npi, [], "DOWNEAST")
        providers.put_license(npi, number, "ACTIVE", date(2027, 1, 15), holder, profession)
    client("s3").put_object(Bucket=settings().bucket("ReferenceData"), Key=ALMS_KEY, Body=ALMS_EXPORT.encode())
