"""Tables: a serializer over a model, one over a list, a plain list, and a BasicTable."""
