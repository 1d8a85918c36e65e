from . import cached_rows  # first: models below inherit it
from . import api_settings
from . import ir_http
from . import rate_counter
from . import res_users_apikeys
from . import change_deletion
from . import res_config_settings
from . import idempotency_record
from . import rest_api_endpoint
from . import key_rule
from . import webhook
