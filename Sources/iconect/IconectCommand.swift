// `iconect`: the command-line tool. Its subcommands live in the IconectCLI module (IconectCommandLine).
import ArgumentParser
import IconectCLI

@main
struct IconectCommand: AsyncParsableCommand {
    static let configuration = IconectCommandLine.configuration
}
