//! The `python3` command line (`Python/getopt.c` and `config_parse_cmdline`
//! of `Python/initconfig.c`): one parser for the `ferrython` binary and
//! for embedders whose `PyConfig.parse_argv` is set.
use crate::runtime::config::Config;
use crate::runtime::usage;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;

/// Why a command line ends the program before it runs: text for stdout
/// (`-V`, `-h`) or stderr (a usage error), and the exit status.
#[derive(Debug)]
pub struct EarlyExit {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}

/// What the command line says besides the fields it sets directly.
#[derive(Default)]
pub struct Parsed {
    /// `-W` options, in order (merged into `warnoptions` later, after
    /// `PYTHONWARNINGS`).
    pub warnoptions: Vec<String>,
}

/// The long options CPython knows; `true` when it takes an argument.
const LONG_OPTIONS: [(&str, bool); 6] = [
    ("check-hash-based-pycs", true),
    ("help-all", false),
    ("help-env", false),
    ("help-xoptions", false),
    ("help", false),
    ("version", false),
];

fn usage_error(program: &str, msg: &str) -> EarlyExit {
    EarlyExit {
        stdout: String::new(),
        stderr: format!("{msg}\n{}", usage::usage_error_tail(program)),
        status: 2,
    }
}

fn print_and_exit(text: String) -> EarlyExit {
    EarlyExit {
        stdout: text,
        stderr: String::new(),
        status: 0,
    }
}

/// `-V` once: the version; twice or more: also the build (`sys.version`).
fn version_exit(count: u32) -> EarlyExit {
    let text = if count >= 2 {
        format!("Python {}\n", crate::modules::sys::VERSION_TEXT)
    } else {
        "Python 3.14.0\n".to_string()
    };
    print_and_exit(text)
}

/// Parses a command line (`args[0]` is the program) as `python3` does:
/// options first (single letters may be grouped; `-c`, `-m`, `-W`, `-X`
/// take an argument, attached or the next word), then `-c CMD`, `-m MOD`,
/// `-`, `--` or a script name end the options; what follows is left to
/// the program. Sets `cfg`'s fields (argv, run_*, flags, xoptions);
/// `-h` ends the program at once; `-V` and usage errors once the
/// options are read, as in CPython.
pub fn parse(cfg: &mut Config, args: &[OsString]) -> Result<Parsed, EarlyExit> {
    let program = args
        .first()
        .map_or("python".into(), |a| a.to_string_lossy().into_owned());
    let rest = args.get(1..).unwrap_or(&[]);
    let mut parsed = Parsed::default();
    let mut version = 0u32;
    let mut i = 0;
    // The index in `rest` of the first word that is not an option.
    let mut end = rest.len();
    'words: while let Some(word) = rest.get(i) {
        i += 1;
        let arg = &*word.to_string_lossy();
        if arg == "-" || !arg.starts_with('-') {
            end = i - 1;
            break;
        }
        if arg == "--" {
            end = i;
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let Some(&(name, takes_arg)) = LONG_OPTIONS.iter().find(|(n, _)| *n == long) else {
                return Err(usage_error(&program, &format!("unknown option {arg}")));
            };
            let value = if takes_arg {
                let Some(v) = rest.get(i) else {
                    return Err(usage_error(
                        &program,
                        // CPython's wording, plural included.
                        &format!("Argument expected for the --{name} options"),
                    ));
                };
                i += 1;
                Some(v.to_string_lossy())
            } else {
                None
            };
            match (name, value.as_deref()) {
                ("check-hash-based-pycs", Some(v)) => {
                    if !matches!(v, "default" | "always" | "never") {
                        return Err(usage_error(
                            &program,
                            "--check-hash-based-pycs must be one of 'default', 'always', or 'never'",
                        ));
                    }
                    cfg.check_hash_pycs_mode = v.to_string();
                }
                ("help-all", _) => return Err(print_and_exit(usage::help_all(&program))),
                ("help-env", _) => return Err(print_and_exit(usage::ENVVARS.to_string())),
                ("help-xoptions", _) => return Err(print_and_exit(usage::XOPTIONS.to_string())),
                ("help", _) => return Err(print_and_exit(usage::help(&program))),
                _ => version += 1,
            }
            continue;
        }
        let letters: Vec<char> = arg[1..].chars().collect();
        let mut j = 0;
        while j < letters.len() {
            let c = letters[j];
            j += 1;
            if matches!(c, 'c' | 'm' | 'W' | 'X') {
                // The letters before are ASCII: the value starts at byte j + 1.
                let attached = &word.as_bytes()[j + 1..];
                let value = if !attached.is_empty() {
                    OsStr::from_bytes(attached).to_owned()
                } else if let Some(v) = rest.get(i) {
                    i += 1;
                    v.clone()
                } else {
                    return Err(usage_error(
                        &program,
                        &format!("Argument expected for the -{c} option"),
                    ));
                };
                match c {
                    'c' => {
                        let mut command = value;
                        command.push("\n");
                        cfg.run_command = Some(command);
                        cfg.argv = std::iter::once("-c".into())
                            .chain(rest[i..].iter().cloned())
                            .collect();
                        end = rest.len();
                        break 'words;
                    }
                    'm' => {
                        cfg.run_module = Some(value.to_string_lossy().into_owned());
                        // "-m" until the module is found and its path
                        // takes the place, as in CPython.
                        cfg.argv = std::iter::once("-m".into())
                            .chain(rest[i..].iter().cloned())
                            .collect();
                        end = rest.len();
                        break 'words;
                    }
                    'W' => parsed
                        .warnoptions
                        .push(value.to_string_lossy().into_owned()),
                    _ => cfg.xoptions.push(value.to_string_lossy().into_owned()),
                }
                break;
            }
            match c {
                'b' => cfg.bytes_warning += 1,
                'B' => cfg.write_bytecode = false,
                'd' => cfg.parser_debug += 1,
                'E' => cfg.use_environment = false,
                'h' | '?' => return Err(print_and_exit(usage::help(&program))),
                'i' => {
                    cfg.inspect += 1;
                    cfg.interactive += 1;
                }
                'I' => {
                    cfg.isolated = true;
                    cfg.use_environment = false;
                    cfg.user_site_directory = false;
                    cfg.safe_path = true;
                }
                'O' => cfg.optimization_level += 1,
                'P' => cfg.safe_path = true,
                'q' => cfg.quiet += 1,
                // Hash randomization, whatever PYTHONHASHSEED says.
                'R' => cfg.use_hash_seed = 0,
                's' => cfg.user_site_directory = false,
                'S' => cfg.site_import = false,
                'u' => cfg.buffered_stdio = false,
                'v' => cfg.verbose += 1,
                'V' => version += 1,
                'x' => cfg.skip_source_first_line = true,
                _ => {
                    return Err(usage_error(&program, &format!("Unknown option: -{c}")));
                }
            }
        }
    }
    if version > 0 {
        return Err(version_exit(version));
    }
    if cfg.run_command.is_none() && cfg.run_module.is_none() {
        cfg.argv = rest[end.min(rest.len())..].to_vec();
        match cfg.argv.first() {
            Some(f) if f != "-" => cfg.run_filename = Some(f.clone()),
            _ => {}
        }
    }
    Ok(parsed)
}
