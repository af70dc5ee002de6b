# zsh runs the bash script through bashcompinit (compinit first, unless ~/.zshrc did it).
if ! type compdef >/dev/null 2>&1; then
  autoload -U +X compinit && compinit
fi
autoload -U +X bashcompinit && bashcompinit
