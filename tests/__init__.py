from . import test_auth
from . import test_errors
from . import test_methods
from . import test_queries
from . import test_read
from . import test_security
from . import test_write
from . import test_xmlrpc_parity
