{
    "name": "REST API: hello (example extension)",
    "summary": "Adds GET /api/v1/hello/{name} to the REST API: how an addon extends rest_api",
    "version": "18.0.1.0.0",
    "category": "Technical",
    "license": "LGPL-3",
    "author": "rest_api developers",
    "depends": ["rest_api"],
}
