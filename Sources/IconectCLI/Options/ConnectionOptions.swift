import ArgumentParser

/// How every subcommand finds its deployment: `--profile`, `--config`, `--emulator`, the HTTP stack, and how much it logs.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "The profile of the config file to use (default: ICONECT_PROFILE, then the file's defaultProfile).")
    var profile: String?

    @Option(help: ArgumentHelp("The config file.", discussion: "Default: ICONECT_CONFIG, else $XDG_CONFIG_HOME/iconect/config.json, "
                               + "else ~/.config/iconect/config.json.", valueName: "path"))
    var config: String?

    @Flag(help: "Run against an emulator started in this process, seeded with demo data (nothing is kept).")
    var emulator = false

    @Option(help: ArgumentHelp("The HTTP stack: ahc (AsyncHTTPClient) or urlsession (Foundation).",
                               discussion: "Default: ICONECT_TRANSPORT, else ahc on Linux (where URLSession spends about twice "
                               + "its CPU per uploaded byte) and urlsession elsewhere.", valueName: "stack"))
    var transport: String?

    @Flag(help: "Log the SDK's debug messages on standard error.")
    var verbose = false
}
