import Iconect
import MCP
