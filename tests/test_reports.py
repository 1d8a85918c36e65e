"""Reports (spec §15) on a real Odoo: ir.actions.report as the user, PDF through wkhtmltopdf."""
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

from ..adapters.odoo.reports import OdooReportRenderer
from ..application.ports import ReportInfo
from .common import RestApiCase

REPORT_CLASS = "odoo.addons.base.models.ir_actions_report.IrActionsReport"


@tagged("post_install", "-at_install")
class TestReports(RestApiCase):
    """``GET /report/{report}/{ids}``: found by name or XML id, printed as the user, guarded."""

    def setUp(self):
        super().setUp()
        self.module = self.env.ref("base.module_base")
        self.other_company = self.env["res.company"].create({"name": "Not Alice's"})

    def test_html_by_report_name_and_by_xml_id(self):
        for reference in ("base.report_irmodulereference", "base.ir_module_reference_print"):
            response = self.api("GET", f"/report/{reference}/{self.module.id}", params={"format": "html"})
            self.assertEqual(response.status_code, 200, response.text[:500])
            self.assertEqual(response.headers["Content-Type"], "text/html")
            self.assertIn('filename="Technical guide - Base.html"', response.headers["Content-Disposition"])
            self.assertIn(self.module.shortdesc.encode(), response.content)

    def test_pdf_is_the_default_format(self):
        with patch(f"{REPORT_CLASS}._run_wkhtmltopdf", return_value=b"%PDF-1.4 rendered") as run, \
                patch(f"{REPORT_CLASS}.get_wkhtmltopdf_state", return_value="ok"):
            response = self.api("GET", f"/report/web.preview_internalreport/{self.company.id}",
                                key=self.key_alice)
        self.assertEqual((response.status_code, response.content), (200, b"%PDF-1.4 rendered"))
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertEqual(run.call_count, 1)

    def test_no_wkhtmltopdf_is_a_503_naming_it(self):
        with patch(f"{REPORT_CLASS}.get_wkhtmltopdf_state", return_value="install"):
            error = self.assertError(self.api("GET", f"/report/web.preview_internalreport/{self.company.id}"),
                                     503, "ServiceUnavailable")
        self.assertIn("wkhtmltopdf", error["message"])
        self.assertEqual(error["details"], {"service": "wkhtmltopdf"})
        # HTML needs no renderer.
        self.assertEqual(self.api("GET", f"/report/web.preview_internalreport/{self.company.id}",
                                  params={"format": "html"}).status_code, 200)

    def test_every_record_must_be_readable(self):
        report = self.env["ir.actions.report"].create({
            "name": "Test records", "model": "x.api.test", "report_type": "qweb-html",
            "report_name": "rest_api_test.test_report"})
        mine, hidden = self.make_test_record(name="Visible"), self.make_test_record(name="Hidden")
        self.env["ir.rule"].create({
            "name": "hide the hidden", "model_id": self.env["ir.model"]._get_id("x.api.test"),
            "domain_force": "[('name', '!=', 'Hidden')]", "groups": [(4, self.env.ref("base.group_user").id)]})
        path = f"/report/{report.report_name}/{mine.id},{hidden.id}"
        error = self.assertError(self.api("GET", path, key=self.key_alice, params={"format": "html"}),
                                 404, "NotFound")
        self.assertEqual(error["details"], {"model": "x.api.test", "ids": [hidden.id]})
        # The same guard as a read of nothing but the id (which fetches no column, so Odoo applies no rule).
        self.assertError(self.api("GET", f"/x.api.test/{hidden.id}", key=self.key_alice, params={"query": "{id}"}),
                         404, "NotFound")
        self.assertError(self.api("GET", "/report/web.preview_internalreport/999999", params={"format": "html"}),
                         404, "NotFound")

    def test_the_report_and_its_model_must_be_usable(self):
        self.assertError(self.api("GET", "/report/no.such_report/1"), 404, "NotFound")
        self.assertError(self.api("GET", f"/report/base.module_base/{self.module.id}"), 404, "NotFound")  # not a report
        # The module reference reads module dependencies, which are for administrators.
        self.assertError(self.api("GET", f"/report/base.report_irmodulereference/{self.module.id}",
                                  key=self.key_alice, params={"format": "html"}), 403, "AccessError")
        restricted = self.env["ir.actions.report"].create({
            "name": "Admins only", "model": "res.company", "report_type": "qweb-html",
            "report_name": "web.preview_internalreport_restricted",
            "groups_id": [(6, 0, self.env.ref("base.group_system").ids)]})
        self.assertError(self.api("GET", f"/report/{restricted.report_name}/{self.company.id}",
                                  key=self.key_alice, params={"format": "html"}), 403, "AccessError")

    def test_bad_parameters(self):
        self.assertError(self.api("GET", f"/report/web.preview_internalreport/{self.company.id}",
                                  params={"format": "docx"}), 400, "ValidationError")
        self.assertError(self.api("GET", "/report/web.preview_internalreport/1,,2"), 400, "ValidationError")

    def test_product_reports_when_product_is_installed(self):
        if "product.template" not in self.env:
            self.skipTest("product is not installed")
        product = self.env["product.template"].create({"name": "Labelled", "list_price": 12.5})
        # Labels are printed from a wizard that passes quantities: without them Odoo's own error, as a 400.
        error = self.assertError(self.api("GET", f"/report/product.report_producttemplatelabel2x7/{product.id}",
                                          params={"format": "html"}), 400, "ValidationError")
        self.assertEqual(error["message"], "Product model not defined, Please contact your administrator.")



@tagged("post_install", "-at_install")
class TestReportPdf(TransactionCase):
    """The real wkhtmltopdf (Debian's package) renders through the adapter."""

    def test_wkhtmltopdf_renders_a_pdf(self):
        reports = self.env["ir.actions.report"]
        if reports.get_wkhtmltopdf_state() != "ok":
            self.skipTest(f"wkhtmltopdf state: {reports.get_wkhtmltopdf_state()}")
        # wkhtmltopdf fetches the report's CSS from report.url: inside this test's open transaction the
        # server would wait for the bundles this transaction generates, so point it where nothing listens.
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:1")
        company = self.env.ref("base.main_company")
        renderer = OdooReportRenderer(self.env(user=self.env.ref("base.user_admin")))
        content = renderer.render(ReportInfo("web.preview_internalreport", "res.company", "Internal"),
                                  [company.id], "pdf")
        self.assertEqual(content.mimetype, "application/pdf")
        self.assertTrue(content.content.startswith(b"%PDF-"), content.content[:100])
