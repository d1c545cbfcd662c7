"""No models of its own: accounts are Django's User and Group.

The module is here because Django sends `post_migrate` only for apps with a models module,
and the roles are synced on this app's (accounts/apps.py), which comes after every other
app's: this app is last in INSTALLED_APPS.
"""
