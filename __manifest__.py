{
    "name": "REST API",
    "summary": "Every Odoo model as a clean REST API with Bearer API keys",
    "version": "18.0.1.0.0",
    "category": "Technical",
    "license": "LGPL-3",
    "author": "rest_api developers",
    "depends": ["base", "web", "base_setup"],
    "external_dependencies": {"python": ["attrs", "cattrs", "requests"]},
    "data": [
        "security/ir.model.access.csv",
        "views/res_users_apikeys_views.xml",
        "views/webhook_views.xml",
        "views/res_config_settings_views.xml",
        "data/ir_cron.xml",
    ],
    "post_load": "post_load",
}
