/// When a fault rule drops the connection.
public enum DropPhase: String, Sendable, Codable, Hashable {
    /// Close the connection without handling the request: nothing changes on the server.
    case beforeHandling
    /// Handle the request (state changes!) and then close the connection without a complete response.
    case afterHandling
}
