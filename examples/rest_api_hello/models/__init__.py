from . import rest_api_endpoint
