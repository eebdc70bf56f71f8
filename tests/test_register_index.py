"""The register finds a company's certificates through an index built once: the site's
per-company pages and files iterate the certificate list a fixed number of times however
many companies there are (a scan per company made the build quadratic)."""

from __future__ import annotations

import datetime as dt

import factories

from refpub.core.audits.company import published_company
from refpub.core.certification.register import Certificate, Register, build_register
from refpub.site.outputs import certificate_files
from refpub.site.pages import register_pages

AS_OF = dt.date(2026, 11, 1)


class CountingList(list[Certificate]):
    """The register's certificates, counting every full iteration over them."""

    iterations = 0

    def __iter__(self):
        self.iterations += 1
        return super().__iter__()


def _companies(count: int):
    ref = factories.radar_ref()
    return [
        published_company(
            factories.company(
                factories.audit(
                    ref, "initial", "initial", "2026-01-10", "certified", "2026-02-01", f"N-{i}"
                ),
                company_id=f"co-{i:03d}",
            ),
            AS_OF,
        )
        for i in range(count)
    ]


def _iterations_for_company_pages(count: int) -> int:
    companies = _companies(count)
    certificates = CountingList(build_register(companies, AS_OF).certificates)
    register = Register(AS_OF, certificates)
    referentiels = [factories.radar_ref()]
    register_pages(register, companies, referentiels)
    files = certificate_files(
        companies, lambda path: "0" * 64, register, "https://example.org/", None, "", referentiels
    )
    assert len(list(files)) > count
    return certificates.iterations


def test_company_lookups_do_not_grow_with_the_number_of_companies():
    small, large = _iterations_for_company_pages(3), _iterations_for_company_pages(12)
    assert small == large


def test_for_company_returns_that_company_s_certificates_only():
    companies = _companies(4)
    register = build_register(companies, AS_OF)
    assert [c.company.id for c in register.for_company("co-002")] == ["co-002"]
    assert [c.number for c in register.for_referentiel("demo-radar")] == [
        "N-0",
        "N-1",
        "N-2",
        "N-3",
    ]
    assert register.for_company("nobody") == []
