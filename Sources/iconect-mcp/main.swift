import IconectMCP
