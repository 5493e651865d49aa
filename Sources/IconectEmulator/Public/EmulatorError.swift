/// Errors of the emulator's in-process API.
public enum EmulatorError: Error, Sendable, Equatable {
    /// The server could not bind or start.
    case failedToStart(String)
    /// ``EmulatorServer/insert(into:_:)`` was given an unknown collection name.
    case unknownCollection(String)
    /// ``EmulatorServer/insert(into:_:)`` was given an object without a string `id`.
    case missingId
    /// ``EmulatorServer/accessToken(for:)`` got no token; the associated text is the token endpoint's answer.
    case noAccessToken(String)
}
