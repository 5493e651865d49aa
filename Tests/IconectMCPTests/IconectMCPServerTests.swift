import Testing
@testable import IconectMCP
