{
    "name": "REST API test extension",
    "summary": "Test-only: a second addon extending rest_api.endpoint beside rest_api_hello (never install "
               "in production)",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "rest_api developers",
    "depends": ["rest_api", "rest_api_hello"],
}
