// Placeholder: replaced by the real setup (embedded MongoDB + Redis) in the foundation work.
export default function setup(): void {}
