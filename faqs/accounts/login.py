"""How django-axes describes a login attempt in its log lines (settings.AXES_CLIENT_STR_CALLABLE)."""


def describe_attempt(username, ip_address, user_agent, path_info, request):
    """Name the account tried, nothing more: an address or a browser identifies a person, and the lockout
    itself (in the database, until the cool-off ends) already has what it needs."""
    return f'{{username: "{username}"}}'
