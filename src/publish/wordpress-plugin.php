<?php
/**
 * Plugin Name: newsbrief
 * Description: Lets `newsbrief publish --to wordpress` link the FR, NL and EN posts of one brief and find them again. Install as wp-content/mu-plugins/newsbrief.php.
 * Version: 2
 * License: MIT
 *
 * Registers three post meta fields in the REST API:
 *   newsbrief_translation_key  shared by the locales of one article
 *   newsbrief_locale           fr, nl or en
 *   newsbrief_content_hash     a hash of what newsbrief stored: a change means an update
 * and lets GET /wp/v2/posts filter by them:
 *   ?newsbrief_translation_key=<key>&newsbrief_locale=<locale>   the posts of one brief
 *   ?newsbrief_managed=1                                         every post newsbrief published
 * and keeps one post per brief and locale, even when two runs publish at once:
 * creating a post that carries newsbrief_translation_key and newsbrief_locale
 * takes a per-brief database lock (GET_LOCK) until its meta is saved, and is
 * refused with HTTP 409 (code newsbrief_duplicate, data.post_id the existing
 * post) when a post of that brief and locale exists outside the trash;
 * newsbrief then updates that post instead.
 * Registered meta is readable by anyone on published posts: nothing secret goes there.
 */

defined('ABSPATH') || exit;

const NEWSBRIEF_META_KEYS = array('newsbrief_translation_key', 'newsbrief_locale', 'newsbrief_content_hash');

add_action('init', function () {
    foreach (NEWSBRIEF_META_KEYS as $key) {
        register_post_meta('post', $key, array(
            'type' => 'string',
            'single' => true,
            'default' => '',
            'show_in_rest' => true,
            'auth_callback' => function ($allowed, $meta_key, $post_id) {
                return current_user_can('edit_post', $post_id);
            },
        ));
    }
});

add_filter('rest_post_query', function ($args, $request) {
    $clauses = array();
    foreach (array('newsbrief_translation_key', 'newsbrief_locale') as $key) {
        $value = $request->get_param($key);
        if (is_string($value) && $value !== '') {
            $clauses[] = array('key' => $key, 'value' => $value, 'compare' => '=');
        }
    }
    if ($request->get_param('newsbrief_managed')) {
        $clauses[] = array('key' => 'newsbrief_translation_key', 'compare' => 'EXISTS');
    }
    if ($clauses) {
        $clauses['relation'] = 'AND';
        $args['meta_query'] = isset($args['meta_query']) ? array('relation' => 'AND', $args['meta_query'], $clauses) : $clauses;
    }
    return $args;
}, 10, 2);

/** The name of the database lock of one brief and locale (MariaDB allows 64 characters). */
function newsbrief_lock_name($key, $locale) {
    return 'newsbrief:' . md5($key . '/' . $locale);
}

/** The lock this request holds, released once the post's meta is saved. */
$GLOBALS['newsbrief_lock'] = null;

function newsbrief_release_lock() {
    global $wpdb;
    if ($GLOBALS['newsbrief_lock'] !== null) {
        $wpdb->get_var($wpdb->prepare('SELECT RELEASE_LOCK(%s)', $GLOBALS['newsbrief_lock']));
        $GLOBALS['newsbrief_lock'] = null;
    }
}

add_filter('rest_pre_insert_post', function ($prepared, $request) {
    global $wpdb;
    // Only the creation of a newsbrief post: updates name their post.
    if (is_wp_error($prepared) || !empty($prepared->ID)) {
        return $prepared;
    }
    $meta = $request->get_param('meta');
    $key = is_array($meta) && isset($meta['newsbrief_translation_key']) ? $meta['newsbrief_translation_key'] : '';
    $locale = is_array($meta) && isset($meta['newsbrief_locale']) ? $meta['newsbrief_locale'] : '';
    if (!is_string($key) || $key === '' || !is_string($locale) || $locale === '') {
        return $prepared;
    }
    $name = newsbrief_lock_name($key, $locale);
    if ((string) $wpdb->get_var($wpdb->prepare('SELECT GET_LOCK(%s, %d)', $name, 20)) !== '1') {
        return new WP_Error('newsbrief_busy', 'another request is creating this brief: try again', array('status' => 503));
    }
    $GLOBALS['newsbrief_lock'] = $name;
    $existing = get_posts(array(
        'post_type' => 'post',
        'post_status' => 'any',
        'numberposts' => 1,
        'orderby' => 'ID',
        'order' => 'ASC',
        'fields' => 'ids',
        'suppress_filters' => true,
        'meta_query' => array(
            'relation' => 'AND',
            array('key' => 'newsbrief_translation_key', 'value' => $key, 'compare' => '='),
            array('key' => 'newsbrief_locale', 'value' => $locale, 'compare' => '='),
        ),
    ));
    if ($existing) {
        newsbrief_release_lock();
        return new WP_Error('newsbrief_duplicate', 'a post of this brief and locale exists already', array('status' => 409, 'post_id' => (int) $existing[0]));
    }
    return $prepared;
}, 10, 2);

// Released once the new post's meta is saved, or when the request ends whatever happened.
add_action('rest_after_insert_post', 'newsbrief_release_lock');
add_action('shutdown', 'newsbrief_release_lock');
