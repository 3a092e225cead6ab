# bash completion for custodyctl                           -*- shell-script -*-
#
# custodyctl itself says what fits (`custodyctl __complete WORD...`):
# commands, each command's options, and names from the store (jobs,
# copies of a job, locations, pools, volumes). When it has nothing to
# offer, readline completes file names (complete -o default).

_custodyctl_dequote()
{
    # Backslashes and an opening quote, as typed: "Cloud\ eu" is "Cloud eu".
    local word=$1
    word=${word#[\"\']}
    word=${word//\\/}
    printf '%s' "$word"
}

_custodyctl()
{
    local ctl=${COMP_WORDS[0]/#\~/$HOME}
    local -a words=() candidates=()
    local i line

    for ((i = 1; i <= COMP_CWORD; i++)); do
        words+=("$(_custodyctl_dequote "${COMP_WORDS[i]}")")
    done

    while IFS= read -r line; do
        candidates+=("$line")
    done < <("$ctl" __complete "${words[@]}" 2>/dev/null)

    COMPREPLY=()
    for line in "${candidates[@]}"; do
        # Names may hold spaces ("Cloud eu-west"): quote them for the line.
        COMPREPLY+=("$(printf '%q' "$line")")
    done
}

complete -o default -F _custodyctl custodyctl
