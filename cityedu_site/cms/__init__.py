"""The form editors use at /admin/ (Decap CMS), everything about it derived from the schema:
its configuration (configuration.py), its files in the built site (files.py), the YAML
style it saves files in (yamlstyle.py) and the formatter that keeps content in that style
(fmt.py). The CMS itself is vendored from npm (vendor.py)."""
