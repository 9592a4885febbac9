"""Publishing the built site.

* ``release``: ``make site``, an atomic and serialised build of ``site/``;
* ``nginx``: the redirects for nginx made from the data's former ids;
* ``preview``: ``make preview``, the built site served by Debian's nginx with the
  production configuration of ``deploy/nginx/``.
"""
