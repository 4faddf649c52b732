import os

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "app",
        "USER": "app",
        "PASSWORD": "{an:14}",
        "HOST": "db",
    }
}
STRIPE_API_KEY = "sk_live_{an:24}"
GITHUB_TOKEN = "{gh:ghp_}"
SENTRY_DSN = os.getenv("SENTRY_DSN")
# vouch:ignore below is deliberate: a revoked key kept for the migration test
LEGACY_TOKEN = "{gh:gho_}"  # vouch:ignore github-oauth-token
