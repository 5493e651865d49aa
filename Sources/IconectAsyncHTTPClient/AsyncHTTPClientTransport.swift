import AsyncHTTPClient
import Iconect
