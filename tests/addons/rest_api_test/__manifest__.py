{
    "name": "REST API test fixtures",
    "summary": "Test-only models for rest_api's Odoo tests (never install in production)",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "rest_api developers",
    "depends": ["rest_api", "product", "auth_signup"],
    "data": ["security/ir.model.access.csv"],
}
